package im.parley.it.presence;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.it.TestServer;
import im.parley.it.roster.ImClient;
import java.time.Instant;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 6121 §4 presence with real clients: directed presence, probes of offline contacts, resources. */
class PresenceTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        for (String user : new String[] {"alice", "bob", "carol"}) {
            server.addUser(user, user + "-pw");
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void directedPresenceTargetsHearTheLogout() throws Exception {
        try (ImClient carol = ImClient.login(server, "carol", "desk")) {
            ImClient alice = ImClient.login(server, "alice", "phone");
            alice.connection().sendStanza(alice.connection().getStanzaFactory().buildPresenceStanza()
                    .to(carol.connection().getUser()).setStatus("here for you").build());
            assertThat(carol.awaitPresence(Presence.Type.available, "alice").getStatus()).isEqualTo("here for you");
            alice.close();
            Presence gone = carol.awaitPresence(Presence.Type.unavailable, "alice");
            assertThat(gone.getFrom().toString()).isEqualTo("alice@localhost/phone");
        }
    }

    @Test
    void aProbeOfAnOfflineContactIsAnsweredWithItsLastPresenceAndWhenItWasSent() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        try (ImClient alice = ImClient.login(server, "alice", "phone");
                ImClient bob = ImClient.login(server, "bob", "laptop")) {
            alice.send(Presence.Type.subscribe, "bob");
            bob.awaitPresence(Presence.Type.subscribe, "alice");
            bob.send(Presence.Type.subscribed, "alice");
            alice.awaitPresence(Presence.Type.subscribed, "bob");
            bob.connection().sendStanza(bob.connection().getStanzaFactory().buildPresenceStanza()
                    .ofType(Presence.Type.unavailable).setStatus("back tomorrow").build());
            alice.awaitPresence(Presence.Type.unavailable, "bob");
        }
        try (ImClient alice = ImClient.login(server, "alice", "phone")) {
            Presence answer = alice.awaitPresence(Presence.Type.unavailable, "bob");
            assertThat(answer.getStatus()).isEqualTo("back tomorrow");
            DelayInformation delay = answer.getExtension(DelayInformation.class);
            assertThat(delay).isNotNull();
            assertThat(delay.getStamp().toInstant()).isAfter(before).isBefore(Instant.now());
        }
    }

    @Test
    void aProbeAnswerIsNotGivenToStrangers() throws Exception {
        try (ImClient bob = ImClient.login(server, "bob", "laptop");
                ImClient carol = ImClient.login(server, "carol", "desk")) {
            carol.send(Presence.Type.probe, "bob");
            carol.send(Presence.Type.probe, "carol");
            carol.awaitPresence(Presence.Type.available, "carol");
            assertThat(carol.receivedPresence(Presence.Type.available, "bob")).isFalse();
        }
    }

    @Test
    void theUsersResourcesSeeEachOther() throws Exception {
        try (ImClient phone = ImClient.login(server, "alice", "phone")) {
            try (ImClient laptop = ImClient.login(server, "alice", "laptop")) {
                phone.await(s -> s instanceof Presence p && p.getFrom().toString().equals("alice@localhost/laptop"));
                laptop.await(s -> s instanceof Presence p && p.getFrom().toString().equals("alice@localhost/phone"));
            }
            phone.await(s -> s instanceof Presence p && p.getType() == Presence.Type.unavailable
                    && p.getFrom().toString().equals("alice@localhost/laptop"));
        }
    }
}
