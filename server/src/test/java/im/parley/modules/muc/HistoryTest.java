package im.parley.modules.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The discussion history's limits (XEP-0045 §7.2.14): each applies, the fewest messages win. */
class HistoryTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private static Stanza message(String body) {
        return Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("type", "groupchat")
                .attribute("from", "room@conference.localhost/nick")
                .child(Element.builder("body", Namespaces.STANZA).text(body).build()).build());
    }

    /** Five messages a minute apart: "m1" at T0 ... "m5" at T0 + 4 min. */
    private static History fiveMessages(int capacity) {
        History history = new History(capacity);
        for (int i = 1; i <= 5; i++) {
            history.add(message("m" + i), T0.plusSeconds(60L * (i - 1)));
        }
        return history;
    }

    private static Element request(String... attributes) {
        Element.Builder b = Element.builder("history", Muc.NS);
        for (int i = 0; i < attributes.length; i += 2) {
            b.attribute(attributes[i], attributes[i + 1]);
        }
        return b.build();
    }

    private static List<String> bodies(List<Stanza> messages) {
        return messages.stream().map(m -> m.element().childText("body")).toList();
    }

    @Test
    void withoutARequestTheWholeKeptHistoryIsSentOldestFirst() {
        assertThat(bodies(fiveMessages(3).select(null, T0.plusSeconds(600), Integer.MAX_VALUE))).containsExactly("m3", "m4", "m5");
    }

    @Test
    void eachLimitAppliesAndTheFewestMessagesWin() {
        History history = fiveMessages(20);
        Instant now = T0.plusSeconds(300);
        assertThat(bodies(history.select(request("maxstanzas", "2"), now, Integer.MAX_VALUE))).containsExactly("m4", "m5");
        // The room's muc#maxhistoryfetch caps whatever the entrant asks for.
        assertThat(bodies(history.select(request("maxstanzas", "3"), now, 1))).containsExactly("m5");
        assertThat(bodies(history.select(null, now, 2))).containsExactly("m4", "m5");
        int oneMessage = message("m5").toString().length();
        assertThat(bodies(history.select(request("maxchars", String.valueOf(oneMessage * 3)), now, Integer.MAX_VALUE)))
                .containsExactly("m3", "m4", "m5");
        assertThat(history.select(request("maxchars", "0"), now, Integer.MAX_VALUE)).isEmpty();
        // m4 was sent 120 s before now, m5 60 s before.
        assertThat(bodies(history.select(request("seconds", "130"), now, Integer.MAX_VALUE))).containsExactly("m4", "m5");
        assertThat(bodies(history.select(request("since", "2026-12-06T10:02:00Z"), now, Integer.MAX_VALUE))).containsExactly("m3", "m4", "m5");
        assertThat(bodies(history.select(request("since", "2026-12-06T10:02:00Z", "maxstanzas", "1"), now, Integer.MAX_VALUE)))
                .containsExactly("m5");
    }

    @Test
    void aLimitThatIsNotANumberOrDateIsRefused() {
        History history = fiveMessages(20);
        assertThatThrownBy(() -> history.select(request("maxstanzas", "many"), T0, Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> history.select(request("seconds", "-1"), T0, Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> history.select(request("since", "yesterday"), T0, Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRoomWithoutHistoryKeepsNothing() {
        assertThat(fiveMessages(0).select(null, T0, Integer.MAX_VALUE)).isEmpty();
    }
}
