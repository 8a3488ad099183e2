package im.parley.bench.micro;

import im.parley.config.ResourceConflict;
import im.parley.module.Hosts;
import im.parley.module.ModuleRegistry;
import im.parley.router.RouteTable;
import im.parley.router.StanzaRouter;
import im.parley.session.ClientSession;
import im.parley.session.SessionLifecycle;
import im.parley.session.SessionRegistry;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Local delivery cost: a one-to-one message to a bare JID through {@link StanzaRouter} (account
 * check, delivery hooks, resource choice) to a session among many online whose endpoint only keeps
 * what it was given. No I/O and no serialization: this is the router's own share of the budget.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RoutingBenchmark {
    @Param({"1000", "10000"})
    int onlineUsers;

    private StanzaRouter router;
    private SessionLifecycle lifecycle;
    private Stanza[] messages;
    private int next;

    @Setup
    public void setUp() {
        String domain = "localhost";
        SessionRegistry sessions = new SessionRegistry();
        ModuleRegistry modules = new ModuleRegistry(Hosts.of(domain), sessions);
        router = new StanzaRouter(new RouteTable(List.of(domain)), sessions, account -> true, modules);
        lifecycle = new SessionLifecycle(sessions, modules, router);
        Stanza available = Stanza.of(Element.of("presence", Namespaces.STANZA));
        LastStanza endpoint = new LastStanza();
        for (int i = 1; i <= onlineUsers; i++) {
            ClientSession session = lifecycle.bind(Jid.of("user" + i, domain, "bench"), endpoint,
                    ResourceConflict.REPLACE).session();
            session.updatePresence(available);
        }
        messages = new Stanza[1024];
        for (int i = 0; i < messages.length; i++) {
            int from = 1 + (i * 7919) % onlineUsers;
            int to = 1 + (i * 104_729 + 1) % onlineUsers;
            messages[i] = Stanza.of(StanzaStream.chatMessage("user" + from + "@localhost/bench", "user" + to + "@localhost"));
        }
    }

    @TearDown
    public void tearDown() {
        lifecycle.close();
    }

    @Benchmark
    public void routeChatMessage() {
        router.route(messages[next++ & (messages.length - 1)]);
    }

    /** The endpoint of every session: it only keeps the last stanza delivered. */
    private static final class LastStanza implements ClientSession.Endpoint {
        private volatile Stanza last;

        @Override
        public boolean send(Stanza stanza) {
            last = stanza;
            return true;
        }

        @Override
        public boolean sendElement(Element element) {
            return true;
        }

        @Override
        public boolean awaitRoom() {
            return true;
        }

        @Override
        public void close(StreamError error, String text) {
            last = null;
        }
    }
}
