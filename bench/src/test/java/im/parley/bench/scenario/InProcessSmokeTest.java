package im.parley.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.ParleyServer;
import im.parley.bench.client.ClientPool;
import im.parley.bench.client.Target;
import im.parley.bench.provision.ParleyProvisioner;
import im.parley.bench.report.Json;
import im.parley.config.ParleyConfig;
import im.parley.testkit.FreePorts;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of each scenario against an in-process Parley with tiny numbers, so that the kit
 * keeps compiling and working as the server changes. Not a measurement: the figures are ignored,
 * only that everything arrived is checked.
 */
class InProcessSmokeTest {
    private static final int USERS = 20;
    private static final String PASSWORD = "smoke-secret";

    /** The anchors' setting: plaintext allowed, so that SCRAM logins without TLS can be measured. */
    private static final String SMOKE = """
            domain: smoke.test
            c2s:
              direct-tls-port: -1
              require-tls: false
            components:
              port: 0
              accept:
                - {domain: sink.smoke.test, secret: sink-secret}
            """;

    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().config(SMOKE);
    private static Target target;

    @BeforeAll
    static void start() throws Exception {
        ParleyProvisioner.provision(parley.server().server().accounts(), parley.server().domain(), USERS, PASSWORD);
        target = target(parley.server().server(), "smoke.test");
    }

    private static Target target(ParleyServer running, String domain) {
        return new Target("127.0.0.1", running.c2sPort(), domain, PASSWORD, false, Target.SCRAM_SHA_1, 2, false);
    }

    @Test
    void connectLogsEveryoneIn() throws Exception {
        try (ClientPool pool = new ClientPool(target, 1)) {
            Json result = new ConnectScenario(USERS, 100, 1, 0).run(pool, null);
            Json logins = (Json) result.get("logins");
            assertThat(logins.get("succeeded")).isEqualTo(USERS);
            assertThat(logins.get("failed")).isEqualTo(0);
            assertThat(result.get("still_online_after_hold")).isEqualTo(USERS);
        }
    }

    @Test
    void connectOverWebSocketLogsEveryoneIn() throws Exception {
        try (ClientPool pool = new ClientPool(overWebSocket(target), 1)) {
            Json result = new ConnectScenario(USERS, 100, 1, 0).run(pool, null);
            Json logins = (Json) result.get("logins");
            assertThat(logins.get("succeeded")).as(result.toString()).isEqualTo(USERS);
            assertThat(result.get("still_online_after_hold")).isEqualTo(USERS);
        }
    }

    /** The same target reached through the server's XMPP over WebSocket endpoint (RFC 7395). */
    private static Target overWebSocket(Target tcp) {
        return new Target(tcp.host(), tcp.port(), tcp.domain(), tcp.password(), false, tcp.mechanism(),
                tcp.sourceAddresses(), tcp.streamManagement(),
                URI.create("ws://127.0.0.1:" + parley.server().server().httpPort() + "/xmpp-websocket"));
    }

    @Test
    void connectWithStartTlsLogsEveryoneIn() throws Exception {
        Target tls = new Target(target.host(), target.port(), target.domain(), PASSWORD, true, Target.PLAIN, 1, false);
        try (ClientPool pool = new ClientPool(tls, 1)) {
            Json logins = (Json) new ConnectScenario(5, 50, 0, 0).run(pool, null).get("logins");
            assertThat(logins.get("succeeded")).isEqualTo(5);
        }
    }

    @Test
    void wrongPasswordIsCountedAsFailure() throws Exception {
        Target wrong = new Target(target.host(), target.port(), target.domain(), "not-it", false, Target.SCRAM_SHA_1,
                1, false);
        try (ClientPool pool = new ClientPool(wrong, 1)) {
            Json logins = (Json) new ConnectScenario(2, 50, 0, 0).run(pool, null).get("logins");
            assertThat(logins.get("succeeded")).isEqualTo(0);
            assertThat(logins.get("failed")).isEqualTo(2);
        }
    }

    @Test
    void chatDeliversEveryMessageOnce() throws Exception {
        try (ClientPool pool = new ClientPool(target, 1)) {
            RateSteps.Outcome outcome = new ChatScenario(USERS, 100, List.of(100.0, 200.0), 2, 5, 1_000, 1)
                    .run(pool, null);
            assertThat(outcome.anyLoss()).as(outcome.json().toString()).isFalse();
            Json rates = (Json) outcome.json().get("rates");
            assertThat(rates.get("highest_rate_held")).as(outcome.json().toString()).isEqualTo(200.0);
        }
    }

    /** Over WebSocket, with stream management: its {@code <r/>} and {@code <a/>} go in frames too. */
    @Test
    void chatOverWebSocketDeliversEveryMessageOnce() throws Exception {
        Target managed = new Target(target.host(), target.port(), target.domain(), PASSWORD, false, Target.SCRAM_SHA_1,
                2, true);
        try (ClientPool pool = new ClientPool(overWebSocket(managed), 1)) {
            RateSteps.Outcome outcome = new ChatScenario(USERS, 100, List.of(100.0, 200.0), 2, 5, 1_000, 1)
                    .run(pool, null);
            assertThat(outcome.anyLoss()).as(outcome.json().toString()).isFalse();
            Json rates = (Json) outcome.json().get("rates");
            assertThat(rates.get("highest_rate_held")).as(outcome.json().toString()).isEqualTo(200.0);
        }
    }

    /** A sink component takes every message the users send to addresses at its domain, once. */
    @Test
    void componentTakesEveryMessageOnce() throws Exception {
        try (ClientPool pool = new ClientPool(target, 1)) {
            RateSteps.Outcome outcome = new ComponentScenario(USERS, 100, parley.server().server().componentPort(),
                    "sink.smoke.test", "sink-secret", new RateSteps(List.of(100.0, 200.0), 2, 5, 1_000, 1))
                    .run(pool, null);
            assertThat(outcome.anyLoss()).as(outcome.json().toString()).isFalse();
            Json rates = (Json) outcome.json().get("rates");
            assertThat(rates.get("highest_rate_held")).as(outcome.json().toString()).isEqualTo(200.0);
        }
    }

    /** Two Parley servers federated on loopback: every message from one's users reaches the other's users once. */
    @Test
    void federationDeliversEveryMessageOnce() throws Exception {
        int portA = FreePorts.next();
        int portB = FreePorts.next();
        try (TestServer a = TestServer.start(federated("fed-a.test", portA, "fed-b.test", portB));
                TestServer b = TestServer.start(federated("fed-b.test", portB, "fed-a.test", portA))) {
            ParleyProvisioner.provision(a.server().accounts(), "fed-a.test", USERS, PASSWORD);
            ParleyProvisioner.provision(b.server().accounts(), "fed-b.test", USERS, PASSWORD);
            try (ClientPool senders = new ClientPool(target(a.server(), "fed-a.test"), 1);
                    ClientPool recipients = new ClientPool(target(b.server(), "fed-b.test"), 1)) {
                RateSteps.Outcome outcome = new FederationScenario(USERS, 100,
                        new RateSteps(List.of(100.0, 200.0), 2, 5, 1_000, 1)).run(senders, recipients, null);
                assertThat(outcome.anyLoss()).as(outcome.json().toString()).isFalse();
                Json rates = (Json) outcome.json().get("rates");
                assertThat(rates.get("highest_rate_held")).as(outcome.json().toString()).isEqualTo(200.0);
            }
        }
    }

    /** The anchors' client settings, federation on with a static route to the peer. */
    private static String federated(String domain, int port, String peer, int peerPort) {
        return "domain: " + domain + "\nc2s:\n  direct-tls-port: -1\n  require-tls: false\n"
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: " + port + "\n"
                + "  routes:\n    " + peer + ": 127.0.0.1:" + peerPort + "\n";
    }

    /** Two instant rooms of ten occupants each: every groupchat message reaches every occupant once. */
    @Test
    void mucDeliversEveryMessageToEveryOccupantOnce() throws Exception {
        try (ClientPool pool = new ClientPool(target, 1)) {
            RateSteps.Outcome outcome = new MucScenario(2, USERS / 2, "conference.smoke.test", 100,
                    new RateSteps(List.of(20.0, 40.0), 2, 5, 1_000, 1)).run(pool, null);
            assertThat(outcome.anyLoss()).as(outcome.json().toString()).isFalse();
            Json rates = (Json) outcome.json().get("rates");
            assertThat(rates.get("highest_rate_held")).as(outcome.json().toString()).isEqualTo(40.0);
        }
    }

    /**
     * One publisher and six contacts whose caps ask for the node (rosters provisioned on a server of
     * its own, so that no other scenario's subscriptions mix in): every publish reaches every contact once.
     */
    @Test
    void pepNotifiesEveryContactOnce(@TempDir Path stoppedData) throws Exception {
        PepScenario scenario = new PepScenario(6, 100, new RateSteps(List.of(10.0, 20.0), 2, 5, 1_000, 1));
        ParleyConfig config = TestServer.config(stoppedData, SMOKE);
        ParleyProvisioner.provision(config, scenario.ring(), PASSWORD);
        try (ParleyServer provisioned = ParleyServer.start(config);
                ClientPool pool = new ClientPool(target(provisioned, "smoke.test"), 1)) {
            RateSteps.Outcome outcome = scenario.run(pool, null);
            assertThat(outcome.anyLoss()).as(outcome.json().toString()).isFalse();
            Json rates = (Json) outcome.json().get("rates");
            assertThat(rates.get("highest_rate_held")).as(outcome.json().toString()).isEqualTo(20.0);
        }
    }

    @Test
    void uploadStoresEveryFile() throws Exception {
        try (ClientPool pool = new ClientPool(target, 1)) {
            Json result = new UploadScenario(5, 100_000, "upload.smoke.test",
                    "http://127.0.0.1:" + parley.server().server().httpPort(), 100, 30).run(pool, null);
            assertThat(result.get("created")).as(result.toString()).isEqualTo(5);
            assertThat(result.get("verified")).as(result.toString()).isEqualTo(5);
            assertThat(result.get("slots_refused_or_unanswered")).isEqualTo(0);
        }
    }

    @Test
    void rosterBringsEveryContactsPresence() throws Exception {
        try (ClientPool pool = new ClientPool(target, 1)) {
            RosterScenario scenario = new RosterScenario(new ContactRing(USERS, 4), 100, 20);
            Json subscriptions = scenario.subscribeAll(pool);
            assertThat(subscriptions.get("approved")).as(subscriptions.toString()).isEqualTo(USERS * 4L);
            Json login = scenario.run(pool, null);
            assertThat(login.get("users_with_full_presence")).as(login.toString()).isEqualTo(USERS);
        }
    }

    @Test
    void provisionedRostersBringEveryContactsPresence(@TempDir Path stoppedData) throws Exception {
        ContactRing ring = new ContactRing(USERS, 6);
        // As bench/anchors/parley does: accounts and rosters into the store before the server starts.
        ParleyConfig config = TestServer.config(stoppedData, SMOKE);
        ParleyProvisioner.provision(config, ring, PASSWORD);
        try (ParleyServer provisioned = ParleyServer.start(config);
                ClientPool pool = new ClientPool(target(provisioned, "smoke.test"), 1)) {
            Json login = new RosterScenario(ring, 100, 20).run(pool, null);
            assertThat(login.get("users_with_full_presence")).as(login.toString()).isEqualTo(USERS);
        }
    }
}
