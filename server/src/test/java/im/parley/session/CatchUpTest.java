package im.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages routed to a session while it catches up wait behind what the catch-up delivers. */
class CatchUpTest {
    private final RecordingSession session = new RecordingSession(Jid.parse("bob@localhost/laptop"));

    @Test
    void messagesWaitForTheLastCatchUpAndOtherStanzasDoNot() {
        Session.CatchUp presence = session.catchUp();
        Session.CatchUp offline = session.catchUp();
        session.deliver(message("live 1"));
        session.deliver(Stanza.presence("unavailable"));
        presence.close();
        offline.deliver(message("stored"));
        session.deliver(message("live 2"));
        assertThat(bodies()).containsExactly(null, "stored");

        offline.close();
        session.deliver(message("live 3"));

        assertThat(bodies()).containsExactly(null, "stored", "live 1", "live 2", "live 3");
    }

    /** Groupchat, headline (PEP events) and error messages are never stored offline: nothing to wait for. */
    @Test
    void onlyMessagesThatCouldHaveBeenStoredWait() {
        Session.CatchUp offline = session.catchUp();
        session.deliver(message("chat", "live chat"));
        session.deliver(message("normal", "live normal"));
        session.deliver(message("groupchat", "room"));
        session.deliver(message("headline", "event"));
        session.deliver(message("error", "bounced"));
        assertThat(bodies()).containsExactly("room", "event", "bounced");

        offline.close();
        assertThat(bodies()).containsExactly("room", "event", "bounced", "live chat", "live normal");
    }

    @Test
    void closingACatchUpTwiceLetsNothingOvertakeAnother() {
        Session.CatchUp first = session.catchUp();
        Session.CatchUp second = session.catchUp();
        first.close();
        first.close();
        session.deliver(message("live"));

        assertThat(bodies()).isEmpty();
        second.close();
        assertThat(bodies()).containsExactly("live");
    }

    @Test
    void aClientThatLetsTooManyMessagesWaitIsCutOff() {
        session.catchUp();
        for (int i = 0; i < ClientSession.MAX_BEHIND; i++) {
            assertThat(session.deliver(message("live " + i))).isTrue();
        }

        assertThat(session.deliver(message("one too many"))).isFalse();
        assertThat(session.closedWith()).isEqualTo(StreamError.POLICY_VIOLATION);
    }

    private List<String> bodies() {
        return session.delivered().stream().map(s -> s.element().childText("body")).toList();
    }

    private static Stanza message(String body) {
        return message("chat", body);
    }

    private static Stanza message(String type, String body) {
        return Stanza.of(Element.builder("message", Namespaces.STANZA)
                .attribute("type", type.equals("normal") ? null : type)
                .textChild("body", body)
                .build());
    }
}
