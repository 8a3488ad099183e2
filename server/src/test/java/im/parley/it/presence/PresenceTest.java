package im.parley.it.presence;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.time.Instant;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFC 6121 §4 presence with real clients: directed presence, probes of offline contacts, resources. */
class PresenceTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");

    @Test
    void directedPresenceTargetsHearTheLogout() throws Exception {
        try (RecordingClient carol = parley.login("carol", "desk")) {
            RecordingClient alice = parley.login("alice", "phone");
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
        try (RecordingClient alice = parley.login("alice", "phone");
                RecordingClient bob = parley.login("bob", "laptop")) {
            alice.send(Presence.Type.subscribe, "bob");
            bob.awaitPresence(Presence.Type.subscribe, "alice");
            bob.send(Presence.Type.subscribed, "alice");
            alice.awaitPresence(Presence.Type.subscribed, "bob");
            bob.connection().sendStanza(bob.connection().getStanzaFactory().buildPresenceStanza()
                    .ofType(Presence.Type.unavailable).setStatus("back tomorrow").build());
            alice.awaitPresence(Presence.Type.unavailable, "bob");
        }
        try (RecordingClient alice = parley.login("alice", "phone")) {
            Presence answer = alice.awaitPresence(Presence.Type.unavailable, "bob");
            assertThat(answer.getStatus()).isEqualTo("back tomorrow");
            DelayInformation delay = answer.getExtension(DelayInformation.class);
            assertThat(delay).isNotNull();
            assertThat(delay.getStamp().toInstant()).isAfter(before).isBefore(Instant.now());
        }
    }

    @Test
    void aProbeAnswerIsNotGivenToStrangers() throws Exception {
        try (RecordingClient bob = parley.login("bob", "laptop");
                RecordingClient carol = parley.login("carol", "desk")) {
            carol.send(Presence.Type.probe, "bob");
            carol.send(Presence.Type.probe, "carol");
            carol.awaitPresence(Presence.Type.available, "carol");
            assertThat(carol.receivedPresence(Presence.Type.available, "bob")).isFalse();
        }
    }

    @Test
    void theUsersResourcesSeeEachOther() throws Exception {
        try (RecordingClient phone = parley.login("alice", "phone")) {
            try (RecordingClient laptop = parley.login("alice", "laptop")) {
                phone.await(s -> s instanceof Presence p && p.getFrom().toString().equals("alice@localhost/laptop"));
                laptop.await(s -> s instanceof Presence p && p.getFrom().toString().equals("alice@localhost/phone"));
            }
            phone.await(s -> s instanceof Presence p && p.getType() == Presence.Type.unavailable
                    && p.getFrom().toString().equals("alice@localhost/laptop"));
        }
    }
}
