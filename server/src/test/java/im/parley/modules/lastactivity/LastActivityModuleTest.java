package im.parley.modules.lastactivity;

import im.parley.module.Hosts;
import im.parley.config.ResourceConflict;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.config.StoreConfig;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.ModuleContext;
import im.parley.module.ModuleRegistry;
import im.parley.module.Origin;
import im.parley.module.PresenceAuthorization;
import im.parley.module.StanzaSender;
import im.parley.session.Session;
import im.parley.session.SessionKey;
import im.parley.session.SessionRegistry;
import im.parley.store.Database;
import im.parley.store.JdbcKeyValueStore;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answers for a user's bare JID, with a roster stand-in that authorizes romeo only. */
class LastActivityModuleTest {
    private static final Jid JULIET = Jid.parse("juliet@example.com");

    @TempDir
    Path dataDir;
    private Database database;
    private final SessionRegistry sessions = new SessionRegistry();
    private ModuleRegistry modules;
    private Instant now = Instant.parse("2026-01-01T12:00:00Z");

    @BeforeEach
    void start() {
        database = Database.open(StoreConfig.EMBEDDED, dataDir);
        database.jdbc().update("INSERT INTO account (host, username) VALUES (?, ?)", "example.com", "juliet");
        modules = new ModuleRegistry(Hosts.of("example.com"), sessions);
        ModuleContext context = modules.context(new StanzaSender() {
            @Override
            public void route(Stanza stanza) {
            }

            @Override
            public java.util.concurrent.CompletableFuture<Stanza> request(Stanza iq, java.time.Duration timeout) {
                throw new UnsupportedOperationException();
            }
        }, null, Hosts.of("example.com"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        PresenceAuthorization romeoOnly = (user, requester) -> requester.equals(Jid.parse("romeo@example.com"));
        modules.load(new LastActivityModule(new JdbcKeyValueStore(database.jdbc(), "last_logout"), romeoOnly, clock),
                context);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aSubscribedContactLearnsHowLongAgoTheUserLoggedOutAndTheirStatus() throws Exception {
        logOut(unavailable("Heading Home"));
        now = now.plus(Duration.ofSeconds(903));
        Stanza answer = ask("romeo@example.com/orchard");
        assertThat(answer.type()).isEqualTo("result");
        assertThat(answer.payload().attribute("seconds")).isEqualTo("903");
        assertThat(answer.payload().text()).isEqualTo("Heading Home");
    }

    @Test
    void aSessionThatEndsWithoutUnavailablePresenceLeavesNoStatus() throws Exception {
        logOut(Stanza.of(Element.builder("presence", Namespaces.STANZA).textChild("status", "online").build()));
        assertThat(ask("romeo@example.com/orchard").payload().text()).isEmpty();
    }

    @Test
    void othersAreForbidden() throws Exception {
        logOut(unavailable("Heading Home"));
        assertThat(errorOf(ask("tybalt@example.com/street"))).isEqualTo("forbidden");
    }

    @Test
    void aConnectedUserIsActiveNow() throws Exception {
        logOut(unavailable("Heading Home"));
        sessions.bind(new FakeSession(Jid.parse("juliet@example.com/balcony"), null), ResourceConflict.REFUSE);
        assertThat(ask("romeo@example.com/orchard").payload().attribute("seconds")).isEqualTo("0");
    }

    @Test
    void aUserWhoNeverLoggedOutHasNoLastActivity() throws Exception {
        assertThat(errorOf(ask("romeo@example.com/orchard"))).isEqualTo("item-not-found");
    }

    @Test
    void deletingTheAccountRemovesTheRecord() throws Exception {
        logOut(unavailable("Heading Home"));
        database.jdbc().update("DELETE FROM account WHERE host = ? AND username = ?", "example.com", "juliet");
        assertThat(new JdbcKeyValueStore(database.jdbc(), "last_logout").get(JULIET)).isEmpty();
    }

    private void logOut(Stanza lastPresence) {
        modules.ended(new FakeSession(Jid.parse("juliet@example.com/balcony"), lastPresence));
    }

    private static Stanza unavailable(String status) {
        return Stanza.of(Element.builder("presence", Namespaces.STANZA).attribute("type", "unavailable")
                .textChild("status", status).build());
    }

    private Stanza ask(String from) throws Exception {
        Stanza iq = Stanza.of(Element.builder("iq", Namespaces.STANZA).attribute("type", "get").attribute("id", "l1")
                .attribute("from", from).attribute("to", JULIET.toString())
                .child(Element.of("query", LastActivityModule.NAMESPACE)).build());
        return modules.iqHandler("example.com", IqScope.ACCOUNT, LastActivityModule.NAMESPACE).handle(new IqRequest(iq, new Origin(Origin.Kind.CLIENT, iq.from(), null)));
    }

    private static String errorOf(Stanza answer) {
        return answer.element().child("error", Namespaces.STANZA).firstElement().name();
    }

    private record FakeSession(Jid jid, Stanza presence) implements Session {
        @Override
        public boolean deliver(Stanza stanza) {
            return false;
        }

        @Override
        public boolean awaitRoom() {
            return false;
        }

        @Override
        public CatchUp catchUp() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updatePresence(Stanza newPresence) {
        }

        @Override
        public <T> T get(SessionKey<T> key) {
            return null;
        }

        @Override
        public <T> void put(SessionKey<T> key, T value) {
        }

        @Override
        public <T> T putIfAbsent(SessionKey<T> key, T value) {
            return null;
        }

        @Override
        public void close(StreamError error, String text) {
        }
    }
}
