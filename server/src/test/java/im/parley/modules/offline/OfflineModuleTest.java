package im.parley.modules.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.config.ResourceConflict;
import im.parley.module.Accounts;
import im.parley.module.HostSettings;
import im.parley.module.Hosts;
import im.parley.module.ModuleContext;
import im.parley.module.ModuleRegistry;
import im.parley.router.RouteTable;
import im.parley.router.StanzaRouter;
import im.parley.session.RecordingSession;
import im.parley.session.SessionRegistry;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery of stored messages against the messages routed while it runs, with the store's
 * steps held where the races are: one sender's messages come in the order it sent them.
 */
class OfflineModuleTest {
    private static final Jid ALICE = Jid.parse("alice@example.com/phone");
    private static final Jid BOB = Jid.parse("bob@example.com");

    private final SessionRegistry sessions = new SessionRegistry();
    private final ModuleRegistry modules = new ModuleRegistry(Hosts.of("example.com"), sessions);
    private final StanzaRouter router = new StanzaRouter(new RouteTable(List.of("example.com")), sessions,
            account -> true, modules);
    private final HeldStore store = new HeldStore();
    private final RecordingSession laptop = new RecordingSession(BOB.withResource("laptop"));
    private ModuleContext context;

    @BeforeEach
    void load() {
        // The module registers an account deletion listener and reads nothing else of the accounts.
        Accounts accounts = (Accounts) Proxy.newProxyInstance(Accounts.class.getClassLoader(),
                new Class<?>[] {Accounts.class}, (proxy, method, args) -> null);
        context = modules.context(router, null, Hosts.of("example.com"));
        modules.load(new OfflineModule(store, accounts,
                new HostSettings<>(new OfflineConfig(1000), Map.of(), Hosts.of("example.com")), Clock.systemUTC()),
                context);
        sessions.bind(laptop, ResourceConflict.REPLACE);
    }

    @AfterEach
    void stop() {
        modules.stopAll();
    }

    @Test
    void aMessageRoutedWhileTheStoredOnesAreReadWaitsForThem() throws Exception {
        send("0");
        store.reads.hold();

        becomesAvailable();
        store.reads.awaitEntered();
        send("1");
        store.reads.release();

        await().atMost(5, TimeUnit.SECONDS).until(() -> bodies().size() == 2);
        assertThat(bodies()).containsExactly("0", "1");
    }

    /**
     * The delivery at login has read the store for the last time when a message whose store
     * began before the login commits: that one goes before what its sender sends next.
     */
    @Test
    void aMessageStoredWhileTheDeliveryEndsComesBeforeTheSendersNextOne() throws Exception {
        send("0");
        store.appends.hold();
        Thread sender = Thread.ofVirtual().start(() -> send("1"));
        store.appends.awaitEntered();
        store.deletes.hold();

        becomesAvailable();
        store.deletes.awaitEntered();
        store.appends.release();
        sender.join();
        send("2");
        store.deletes.release();

        await().atMost(5, TimeUnit.SECONDS).until(() -> bodies().size() == 3);
        assertThat(bodies()).containsExactly("0", "1", "2");
        assertThat(store.rows).isEmpty();
    }

    /**
     * A delivery that dies of an Error (not a store failure it can log and pass over) holds no
     * session's messages back, and the user's next delivery starts afresh: the stored message is
     * still there for it.
     */
    @Test
    void aDeliveryThatDiesHoldsNothingBackAndTheNextOneStarts() throws Exception {
        send("0");
        store.failRead = new Error("a read that fails beyond recovery (the test's)");
        becomesAvailable();
        send("1");
        // The delivery thread dies of the Error on purpose: not a failure of the test's waits.
        await().dontCatchUncaughtExceptions().atMost(5, TimeUnit.SECONDS).until(() -> bodies().contains("1"));

        context.sessionAcceptsMessages(laptop);
        await().dontCatchUncaughtExceptions().atMost(5, TimeUnit.SECONDS).until(() -> bodies().size() == 2);
        assertThat(bodies()).containsExactly("1", "0");
    }

    /** What the presence module does for an initial presence, the offline part of it. */
    private void becomesAvailable() {
        laptop.updatePresence(Stanza.of(Element.of("presence", Namespaces.STANZA)));
        context.sessionAcceptsMessages(laptop);
    }

    private void send(String body) {
        router.route(Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("type", "chat")
                .textChild("body", body).build()).withAddresses(ALICE, BOB));
    }

    private List<String> bodies() {
        return laptop.delivered().stream().map(s -> s.element().childText("body")).toList();
    }

    /** A place in the store a test can hold a thread at, once. */
    private static final class Gate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean held;

        void hold() {
            held = true;
        }

        void pass() {
            if (held) {
                held = false;
                entered.countDown();
                try {
                    released.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void awaitEntered() throws InterruptedException {
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            released.countDown();
        }
    }

    /** The store in memory, with a gate before each kind of access. */
    private static final class HeldStore implements OfflineStore {
        final Gate appends = new Gate();
        final Gate reads = new Gate();
        final Gate deletes = new Gate();
        /** Thrown by the next read, once. */
        volatile Error failRead;
        final List<StoredMessage> rows = new ArrayList<>();
        private long lastId;

        @Override
        public List<Boolean> append(List<OfflineMessage> messages, ToIntFunction<Jid> maxPerUser) {
            appends.pass();
            synchronized (this) {
                messages.forEach(m -> rows.add(new StoredMessage(++lastId, m.stanza())));
            }
            return messages.stream().map(m -> true).toList();
        }

        @Override
        public List<StoredMessage> oldest(Jid user, int limit) {
            reads.pass();
            Error failure = failRead;
            if (failure != null) {
                failRead = null;
                throw failure;
            }
            synchronized (this) {
                return List.copyOf(rows.subList(0, Math.min(limit, rows.size())));
            }
        }

        @Override
        public void deleteThrough(Jid user, long id) {
            deletes.pass();
            synchronized (this) {
                rows.removeIf(row -> row.id() <= id);
            }
        }

        @Override
        public synchronized void deleteAll(Jid user) {
            rows.clear();
        }
    }
}
