package im.parley.modules.carbons;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.modules.carbons.Eligibility.Direction;
import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import org.junit.jupiter.api.Test;

/** The copying rules of XEP-0280 §6.1 and the XEP-0334 no-copy hint. */
class EligibilityTest {
    private static final Element BODY = Element.builder("body", Namespaces.STANZA).text("hi").build();

    private static Stanza message(String type, Element... children) {
        Element.Builder b = Element.builder("message", Namespaces.STANZA).attribute("to", "bob@example.org");
        if (type != null) {
            b.attribute("type", type);
        }
        for (Element child : children) {
            b.child(child);
        }
        return Stanza.of(b.build());
    }

    private static boolean bothWays(Stanza message) {
        boolean sent = Eligibility.copied(message, Direction.SENT);
        assertThat(Eligibility.copied(message, Direction.RECEIVED)).isEqualTo(sent);
        return sent;
    }

    @Test
    void chatAndNormalWithABodyAreCopied() {
        assertThat(bothWays(message("chat"))).isTrue();
        assertThat(bothWays(message(null, BODY))).isTrue();
        assertThat(bothWays(message("normal", BODY))).isTrue();
        assertThat(bothWays(message(null))).isFalse();
    }

    @Test
    void imPayloadsAreCopiedWhateverTheType() {
        assertThat(bothWays(message(null, Element.of("received", "urn:xmpp:receipts")))).isTrue();
        assertThat(bothWays(message("headline", Element.of("displayed", "urn:xmpp:chat-markers:0")))).isTrue();
        assertThat(bothWays(message(null, Element.of("x", "jabber:x:conference")))).isTrue();
        assertThat(bothWays(message("headline", BODY))).isFalse();
        assertThat(bothWays(message(null, Element.of("event", "http://jabber.org/protocol/pubsub#event")))).isFalse();
    }

    @Test
    void anErrorIsCopiedWhenItAnswersAnInstantMessage() {
        Element error = Element.of("error", Namespaces.STANZA);
        assertThat(bothWays(message("error", BODY, error))).isTrue();
        assertThat(bothWays(message("error", Element.of("active", "http://jabber.org/protocol/chatstates"), error))).isTrue();
        assertThat(bothWays(message("error", error))).isFalse();
    }

    @Test
    void privateNoCopyAndCarbonsThemselvesAreNeverCopied() {
        assertThat(bothWays(message("chat", BODY, Element.of("private", CarbonsModule.NAMESPACE)))).isFalse();
        assertThat(bothWays(message("chat", BODY, Element.of("no-copy", Eligibility.HINTS)))).isFalse();
        assertThat(bothWays(message("chat", Element.of("received", CarbonsModule.NAMESPACE)))).isFalse();
        assertThat(bothWays(message("chat", Element.of("sent", CarbonsModule.NAMESPACE)))).isFalse();
        // Other hints do not stop copies.
        assertThat(bothWays(message("chat", BODY, Element.of("no-store", Eligibility.HINTS)))).isTrue();
    }

    @Test
    void multiUserChatRules() {
        Element mucUser = Element.of("x", Eligibility.MUC_USER);
        assertThat(bothWays(message("groupchat", BODY))).isFalse();
        // A private message: copied when a local user sends it, not when the room delivers one.
        Stanza privateMessage = message("chat", BODY, mucUser);
        assertThat(Eligibility.copied(privateMessage, Direction.SENT)).isTrue();
        assertThat(Eligibility.copied(privateMessage, Direction.RECEIVED)).isFalse();
        // A mediated invitation is copied both ways.
        Element invite = Element.builder("x", Eligibility.MUC_USER)
                .child(Element.builder("invite", Eligibility.MUC_USER).attribute("from", "a@example.org").build()).build();
        assertThat(bothWays(message(null, invite))).isTrue();
    }
}
