package im.parley.stream;

import im.parley.module.Hosts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.auth.CredentialFactory;
import im.parley.auth.SaslMechanisms;
import im.parley.auth.TestAccounts;
import im.parley.auth.ScramCredential;
import im.parley.auth.ScramHash;
import im.parley.auth.TlsInfo;
import im.parley.config.ResourceConflict;
import im.parley.module.ModuleContext;
import im.parley.module.ModuleRegistry;
import im.parley.module.NegotiationStep;
import im.parley.module.Sasl2Inline;
import im.parley.module.Sasl2Request;
import im.parley.module.SessionListener;
import im.parley.router.RouteTable;
import im.parley.router.StanzaRouter;
import im.parley.session.ClientSession;
import im.parley.session.Session;
import im.parley.session.SessionLifecycle;
import im.parley.session.SessionRegistry;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream without a network: negotiation steps that features add, top-level elements that are
 * not stanzas going to the module that registered them, and a session that its stream serves
 * only until the connection goes.
 */
class ClientStreamTest {
    private static final String DOMAIN = "example.org";
    private static final String SM = "urn:xmpp:sm:3";
    private static final Element HEADER = Element.builder("stream", Namespaces.STREAMS).attribute("version", "1.0")
            .build();
    private static final Map<ScramHash, ScramCredential> ALICE = new CredentialFactory(4096,
            new java.security.SecureRandom()).create("secret");

    private final SessionRegistry sessions = new SessionRegistry();
    private final ModuleRegistry modules = new ModuleRegistry(Hosts.of(DOMAIN), sessions);
    private final StanzaRouter router = new StanzaRouter(new RouteTable(List.of(DOMAIN)), sessions, account -> true,
            modules);
    private final SessionLifecycle lifecycle = new SessionLifecycle(sessions, modules, router);
    private final ModuleContext context = modules.context(router, lifecycle, Hosts.of(DOMAIN));
    private final FakeConnection connection = new FakeConnection();
    private ClientStream stream;

    @BeforeEach
    void wire() {
        context.negotiationStep(new ResourceBinding(ResourceConflict.REPLACE, lifecycle));
        SaslMechanisms mechanisms = new SaslMechanisms(user -> "alice".equals(user) ? ALICE : Map.of(), DOMAIN);
        stream = new ClientStream(connection, new StreamSettings(Set.of(DOMAIN), DOMAIN, true, 3,
                Duration.ofSeconds(30)), lifecycle, router, modules, host -> new SaslNegotiation(mechanisms));
    }

    @Test
    void resourceBindingIsOneNegotiationStepAndGivesTheStreamItsSession() {
        authenticate();
        assertThat(connection.lastFeatures().child("bind", Namespaces.BIND)).isNotNull();

        Session session = bind("phone");

        assertThat(session.jid()).isEqualTo(Jid.parse("alice@example.org/phone"));
        assertThat(stream.isAuthenticated()).isTrue();
    }

    @Test
    void aStepAddedByAFeatureIsOfferedAndMayGiveTheStreamItsSession() {
        Element request = Element.of("bind", "urn:example:quick-bind");
        context.negotiationStep(new NegotiationStep() {
            @Override
            public List<Element> features() {
                return List.of(request);
            }

            @Override
            public boolean accepts(Element element) {
                return element.is("bind", "urn:example:quick-bind");
            }

            @Override
            public void handle(NegotiatingStream negotiating, Element element) {
                ClientSession session = lifecycle.bind(Jid.of(negotiating.username(), negotiating.host(), "quick"),
                        negotiating.endpoint(), ResourceConflict.REPLACE).session();
                negotiating.serve(session);
                negotiating.send(Element.of("bound", "urn:example:quick-bind"));
            }
        });
        authenticate();
        assertThat(connection.lastFeatures().child("bind", "urn:example:quick-bind")).isNotNull();

        stream.element(request);
        awaitSent("bound");
        stream.element(Element.builder("message", Namespaces.STANZA).attribute("to", "alice@example.org/quick")
                .textChild("body", "to myself").build());

        Element echoed = awaitSent("message");
        assertThat(echoed.attribute("from")).isEqualTo("alice@example.org/quick");
    }

    @Test
    void aTopLevelElementGoesToTheModuleThatRegisteredIt() {
        context.handleStreamElement(SM, "r", (session, out, element) -> out.send(
                Element.builder("a", SM).attribute("h", session.jid().resource()).build()));
        authenticate();
        bind("phone");

        stream.element(Element.of("r", SM));

        assertThat(awaitSent("a").attribute("h")).isEqualTo("phone");
        assertThat(connection.closedWith).isNull();
    }

    @Test
    void anUnknownTopLevelElementIsUnsupportedStanzaType() {
        authenticate();
        bind("phone");

        stream.element(Element.of("enable", SM));

        await().atMost(Duration.ofSeconds(5)).until(() -> connection.closedWith != null);
        assertThat(connection.closedWith.firstElement().name()).isEqualTo("unsupported-stanza-type");
    }

    @Test
    void theSessionEndsWhenItsConnectionGoesAndNoLongerWrites() {
        authenticate();
        ClientSession session = bind("phone");

        stream.disconnected();
        await().atMost(Duration.ofSeconds(5)).until(() -> sessions.get(session.jid()) == null);
        int written = connection.sent.size();
        long sent = session.sent();
        boolean taken = session.deliver(Stanza.of(Element.builder("message", Namespaces.STANZA)
                .textChild("body", "late").build()));

        assertThat(taken).isFalse();
        assertThat(connection.sent).hasSize(written);
        assertThat(session.sent()).isEqualTo(sent);
    }

    @Test
    void aResumableSessionOutlivesItsConnectionTimingOutAndQueuesUntilItExpires() {
        ClientSession session = resumableSession();

        stream.timedOut("Idle for too long");

        await().atMost(Duration.ofSeconds(5)).until(session::detached);
        assertThat(connection.closedWith.firstElement().name()).isEqualTo("connection-timeout");
        assertThat(sessions.get(session.jid())).isSameAs(session);
        assertThat(session.deliver(Stanza.of(Element.builder("message", Namespaces.STANZA)
                .textChild("body", "queued").build()))).isTrue();
        assertThat(session.unacknowledged()).isEqualTo(1);
    }

    @Test
    void aStanzaTheGoingConnectionRefusesWaitsForTheResumption() {
        ClientSession session = resumableSession();
        connection.refusing = true;

        boolean taken = session.deliver(Stanza.of(Element.builder("message", Namespaces.STANZA)
                .textChild("body", "in the gap").build()));
        stream.disconnected();

        assertThat(taken).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(session::detached);
        assertThat(session.unacknowledged()).isEqualTo(1);
    }

    @Test
    void anElementHandlerThatThrowsEndsTheStreamWithInternalServerError() {
        context.handleStreamElement(SM, "r", (session, out, element) -> {
            throw new IllegalStateException("a module's bug, on purpose");
        });
        authenticate();
        ClientSession session = bind("phone");

        stream.element(Element.of("r", SM));

        await().atMost(Duration.ofSeconds(5)).until(() -> connection.closedWith != null);
        assertThat(connection.closedWith.firstElement().name()).isEqualTo("internal-server-error");
        await().atMost(Duration.ofSeconds(5)).until(() -> sessions.get(session.jid()) == null);
    }

    @Test
    void aModuleThatFailsAfterBindingEndsTheStreamWithInternalServerErrorAndTheSessionWithIt() {
        context.onSession(new SessionListener() {
            @Override
            public void bound(Session session) {
                throw new IllegalStateException("a module's bug, on purpose");
            }
        });
        authenticate();

        stream.element(Element.builder("iq", Namespaces.STANZA).attribute("type", "set").attribute("id", "b1")
                .child(Element.builder("bind", Namespaces.BIND).textChild("resource", "phone").build()).build());

        await().atMost(Duration.ofSeconds(5)).until(() -> connection.closedWith != null);
        assertThat(connection.closedWith.firstElement().name()).isEqualTo("internal-server-error");
        await().atMost(Duration.ofSeconds(5)).until(() -> sessions.get(Jid.of("alice", DOMAIN, "phone")) == null);
        assertThat(sessions.sessionsOf(Jid.parse("alice@" + DOMAIN))).isEmpty();
    }

    @Test
    void aBadResourceInABindRequestWithAHostileAddressIsBadRequest() {
        authenticate();

        stream.element(Element.builder("iq", Namespaces.STANZA).attribute("type", "set").attribute("id", "b1")
                .attribute("to", "@@").child(Element.builder("bind", Namespaces.BIND)
                        .textChild("resource", "r".repeat(1024)).build()).build());

        Element answer = awaitSent("iq");
        assertThat(answer.attribute("type")).isEqualTo("error");
        assertThat(answer.attribute("id")).isEqualTo("b1");
        assertThat(answer.child("error", Namespaces.STANZA).firstElement().name()).isEqualTo("bad-request");
        assertThat(connection.closedWith).isNull();
        connection.sent.clear();
        assertThat(bind("phone").jid().resource()).isEqualTo("phone");
    }

    @Test
    void aStreamErrorBeforeTheClientsNewHeaderFollowsANewServerHeader() {
        authenticateUntilRestart();
        int opened = connection.opened;

        stream.element(Element.of("presence", Namespaces.STANZA));

        await().atMost(Duration.ofSeconds(5)).until(() -> connection.closedWith != null);
        assertThat(connection.closedWith.firstElement().name()).isEqualTo("not-well-formed");
        assertThat(connection.opened).as("the error opens the server's new stream first").isEqualTo(opened + 1);
    }

    @Test
    void aSasl2SuccessAndTheFeaturesComeBeforeWhatTheSessionAnInlineFeatureBoundWasSentMeanwhile() {
        Element advertised = Element.of("quick", "urn:example:inline");
        context.sasl2Inline(new Sasl2Inline() {
            @Override
            public Element advertisement(String host, TlsInfo tls) {
                return advertised;
            }

            @Override
            public List<Element> authenticated(NegotiationStep.NegotiatingStream negotiating, Sasl2Request request, String mechanism) {
                ClientSession session = lifecycle.bind(Jid.of(negotiating.username(), negotiating.host(), "quick"),
                        negotiating.endpoint(), ResourceConflict.REPLACE).session();
                negotiating.serve(session);
                session.deliver(Stanza.of(Element.builder("message", Namespaces.STANZA)
                        .textChild("body", "meanwhile").build()));
                return List.of(Element.of("done", "urn:example:inline"));
            }
        });
        stream.streamOpened(HEADER);
        Element offered = awaitSent("features").child("authentication", Namespaces.SASL2);
        assertThat(offered.child("inline", Namespaces.SASL2).child("quick", "urn:example:inline")).isNotNull();
        connection.sent.clear();

        String response = Base64.getEncoder().encodeToString("\0alice\0secret".getBytes(StandardCharsets.UTF_8));
        stream.element(Element.builder("authenticate", Namespaces.SASL2).attribute("mechanism", "PLAIN")
                .child(Element.builder("initial-response", Namespaces.SASL2).text(response).build()).build());

        awaitSent("message");
        assertThat(connection.sent).extracting(Element::name).containsExactly("success", "features", "message");
        Element success = connection.sent.getFirst();
        assertThat(success.childText("authorization-identifier")).isEqualTo("alice@example.org/quick");
        assertThat(success.child("done", "urn:example:inline")).isNotNull();
        assertThat(connection.sent.get(1).child("bind", Namespaces.BIND)).isNull();
        assertThat(connection.restarted).isFalse();
        assertThat(stream.isAuthenticated()).isTrue();
    }

    /** A bound session with acknowledgements enabled, kept for resumption (as stream management does). */
    private ClientSession resumableSession() {
        authenticate();
        ClientSession session = bind("phone");
        session.enableAcks(new ClientSession.Acks(10, 5, Duration.ofMinutes(1), Element.of("r", SM), null),
                Element.of("enabled", SM));
        lifecycle.keep(session, Duration.ofMinutes(1));
        return session;
    }

    private void authenticate() {
        authenticateUntilRestart();
        connection.sent.clear();
        stream.streamOpened(HEADER);
        awaitSent("features");
    }

    /** Opens a stream and authenticates with PLAIN; the client would now open a new stream. */
    private void authenticateUntilRestart() {
        stream.streamOpened(HEADER);
        awaitSent("features");
        String response = Base64.getEncoder().encodeToString("\0alice\0secret".getBytes(StandardCharsets.UTF_8));
        stream.element(Element.builder("auth", Namespaces.SASL).attribute("mechanism", "PLAIN").text(response).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.restarted);
    }

    private ClientSession bind(String resource) {
        stream.element(Element.builder("iq", Namespaces.STANZA).attribute("type", "set").attribute("id", "b1")
                .child(Element.builder("bind", Namespaces.BIND).textChild("resource", resource).build()).build());
        assertThat(awaitSent("iq").attribute("type")).isEqualTo("result");
        return (ClientSession) sessions.get(Jid.of("alice", DOMAIN, resource));
    }

    private Element awaitSent(String name) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> connection.sent.stream().anyMatch(e -> e.name().equals(name)));
        return connection.sent.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    /** A secure transport that records what the stream writes. */
    private static final class FakeConnection implements Connection {
        final List<Element> sent = new CopyOnWriteArrayList<>();
        volatile boolean restarted;
        volatile int opened;
        volatile Element closedWith;
        /** Refuses what is sent, as a connection that is gone but not yet reported lost. */
        volatile boolean refusing;

        Element lastFeatures() {
            return sent.stream().filter(e -> e.name().equals("features")).reduce((a, b) -> b).orElseThrow();
        }

        @Override
        public void openStream(String from, String id) {
            assertThat(from).isEqualTo(DOMAIN);
            opened++;
        }

        @Override
        public boolean send(Element element) {
            return !refusing && sent.add(element);
        }

        @Override
        public boolean awaitRoom() {
            return closedWith == null;
        }

        @Override
        public void closeStream(Element error) {
            closedWith = error;
        }

        @Override
        public boolean canStartTls() {
            return false;
        }

        @Override
        public void startTls(Element proceed) {
            throw new AssertionError("TLS is already on");
        }

        @Override
        public void restartStream(Element success) {
            restarted = true;
        }

        @Override
        public TlsInfo tls() {
            return TestAccounts.TLS_WITHOUT_BINDING;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 5222);
        }
    }
}
