package im.parley.modules.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.StanzaError;
import org.junit.jupiter.api.Test;

/** Validation of roster sets (RFC 6121 §2.3.3). */
class RosterSetTest {

    @Test
    void anItemWithNameAndGroupsIsAccepted() throws Exception {
        RosterSet set = RosterSet.parse(query(item("Juliet@Example.com").attribute("name", "Juliet")
                .attribute("subscription", "both").attribute("ask", "subscribe")
                .child(group("Friends")).child(group("Lovers"))));
        assertThat(set.jid()).isEqualTo(Jid.parse("juliet@example.com"));
        assertThat(set.remove()).isFalse();
        assertThat(set.name()).isEqualTo("Juliet");
        assertThat(set.groups()).containsExactlyInAnyOrder("Friends", "Lovers");
    }

    @Test
    void subscriptionRemoveAsksForRemoval() throws Exception {
        assertThat(RosterSet.parse(query(item("juliet@example.com").attribute("subscription", "remove"))).remove())
                .isTrue();
    }

    @Test
    void eachViolationGetsItsError() {
        assertThat(refusal(Element.builder("query", RosterItem.NAMESPACE))).isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(refusal(query(item("a@example.com")).toBuilder().child(item("b@example.com").build())))
                .isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(refusal(queryBuilder(Element.builder("item", RosterItem.NAMESPACE))))
                .isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(refusal(queryBuilder(item("a@b@example.com")))).isEqualTo(StanzaError.JID_MALFORMED);
        assertThat(refusal(queryBuilder(item("a@example.com/phone")))).isEqualTo(StanzaError.JID_MALFORMED);
        assertThat(refusal(queryBuilder(item("a@example.com").child(group("G")).child(group("G")))))
                .isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(refusal(queryBuilder(item("a@example.com").child(group("")))))
                .isEqualTo(StanzaError.NOT_ACCEPTABLE);
        assertThat(refusal(queryBuilder(item("a@example.com").child(group("g".repeat(1024))))))
                .isEqualTo(StanzaError.NOT_ACCEPTABLE);
        assertThat(refusal(queryBuilder(item("a@example.com").attribute("name", "n".repeat(1024)))))
                .isEqualTo(StanzaError.NOT_ACCEPTABLE);
    }

    private static StanzaError refusal(Element.Builder query) {
        return catchThrowableOfType(RosterSet.Invalid.class, () -> RosterSet.parse(query.build())).condition();
    }

    private static Element.Builder item(String jid) {
        return Element.builder("item", RosterItem.NAMESPACE).attribute("jid", jid);
    }

    private static Element group(String name) {
        return Element.builder("group", RosterItem.NAMESPACE).text(name).build();
    }

    private static Element query(Element.Builder item) {
        return queryBuilder(item).build();
    }

    private static Element.Builder queryBuilder(Element.Builder item) {
        return Element.builder("query", RosterItem.NAMESPACE).child(item.build());
    }
}
