package im.parley.modules.adhoc;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.MutableClock;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandSessionsTest {
    private static final Jid ALICE = Jid.parse("alice@localhost/phone");
    private static final Jid MALLORY = Jid.parse("mallory@localhost/pc");
    private static final AdHocCommand COMMAND = new AdHocCommand() {
        public String node() {
            return "test";
        }

        public String name() {
            return "Test";
        }

        public boolean allowed(Jid requester) {
            return true;
        }

        public Step execute(Jid requester, DataForm submitted, int stage) {
            return new Step.Completed(null, null);
        }
    };

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CommandSessions sessions = new CommandSessions(clock, Duration.ofMinutes(5), 2);

    @Test
    void aSessionIdIsValidOnlyForItsRequester() {
        CommandSession session = sessions.open(ALICE, COMMAND);

        assertThat(sessions.find(ALICE, session.id())).isEqualTo(new CommandSessions.Lookup.Open(session));
        assertThat(sessions.find(MALLORY, session.id())).isInstanceOf(CommandSessions.Lookup.Unknown.class);
        assertThat(sessions.find(ALICE, "made-up")).isInstanceOf(CommandSessions.Lookup.Unknown.class);
    }

    @Test
    void anUntouchedSessionExpiresButAUsedOneStays() {
        CommandSession used = sessions.open(ALICE, COMMAND);
        CommandSession idle = sessions.open(ALICE, COMMAND);
        clock.advance(Duration.ofMinutes(4));
        sessions.find(ALICE, used.id());
        clock.advance(Duration.ofMinutes(2));

        assertThat(sessions.find(ALICE, used.id())).isInstanceOf(CommandSessions.Lookup.Open.class);
        assertThat(sessions.find(ALICE, idle.id())).isInstanceOf(CommandSessions.Lookup.Ended.class);
    }

    @Test
    void anEndedIdIsRememberedForAWhileThenForgotten() {
        CommandSession session = sessions.open(ALICE, COMMAND);
        sessions.end(session);
        assertThat(sessions.find(ALICE, session.id())).isInstanceOf(CommandSessions.Lookup.Ended.class);

        clock.advance(Duration.ofMinutes(11));
        sessions.open(ALICE, COMMAND);
        assertThat(sessions.find(ALICE, session.id())).isInstanceOf(CommandSessions.Lookup.Unknown.class);
    }

    @Test
    void aRequesterMayKeepOnlySoManySessionsOpen() {
        sessions.open(ALICE, COMMAND);
        CommandSession second = sessions.open(ALICE, COMMAND);

        assertThat(sessions.open(ALICE, COMMAND)).isNull();
        assertThat(sessions.open(MALLORY, COMMAND)).isNotNull();
        sessions.end(second);
        assertThat(sessions.open(ALICE, COMMAND)).isNotNull();
    }

    @Test
    void aClosedStreamForgetsItsSessions() {
        CommandSession session = sessions.open(ALICE, COMMAND);
        sessions.forget(ALICE);
        assertThat(sessions.find(ALICE, session.id())).isInstanceOf(CommandSessions.Lookup.Unknown.class);
    }
}
