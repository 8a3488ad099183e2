package im.parley.it.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.it.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** vCard-temp (XEP-0054) and vCard avatars in presence (XEP-0153), seen by real clients. */
class VCardTest {
    private static final byte[] AVATAR = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5};
    private static final Pattern PHOTO = Pattern.compile("<photo>([0-9a-f]+)</photo>");
    private static TestServer server;
    private XMPPTCPConnection alice;
    private XMPPTCPConnection bob;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("vcard:\n  max-bytes: 2048\n");
        server.addUser("alice", "alice-pw");
        server.addUser("bob", "bob-pw");
        server.addUser("carol", "carol-pw");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        alice = server.login("alice", "alice-pw", "phone");
        bob = server.login("bob", "bob-pw", "laptop");
    }

    @AfterEach
    void disconnect() {
        alice.disconnect();
        bob.disconnect();
    }

    @Test
    void anotherUserReadsTheVCardAUserSaved() throws Exception {
        VCard card = new VCard();
        card.setFirstName("Alice");
        card.setLastName("Liddell");
        card.setNickName("Wonder");
        card.setEmailHome("alice@example.org");
        card.setAvatar(AVATAR, "image/png");
        VCardManager.getInstanceFor(alice).saveVCard(card);

        VCard read = VCardManager.getInstanceFor(bob).loadVCard(JidCreate.entityBareFrom("alice@localhost"));
        assertThat(read.getFirstName()).isEqualTo("Alice");
        assertThat(read.getLastName()).isEqualTo("Liddell");
        assertThat(read.getNickName()).isEqualTo("Wonder");
        assertThat(read.getEmailHome()).isEqualTo("alice@example.org");
        assertThat(read.getAvatar()).isEqualTo(AVATAR);
        assertThat(VCardManager.getInstanceFor(alice).loadVCard().getNickName()).isEqualTo("Wonder");
    }

    @Test
    void ownMissingVCardIsEmptyAndAnotherUsersIsServiceUnavailable() throws Exception {
        XMPPTCPConnection carol = server.login("carol", "carol-pw", "desk");
        try {
            assertThat(VCardManager.getInstanceFor(carol).loadVCard().getNickName()).isNull();
        } finally {
            carol.disconnect();
        }
        assertThatThrownBy(() -> VCardManager.getInstanceFor(bob)
                .loadVCard(JidCreate.entityBareFrom("carol@localhost")))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.service_unavailable));
    }

    @Test
    void nobodyChangesAnotherUsersVCard() throws Exception {
        VCard card = new VCard();
        card.setNickName("Original");
        VCardManager.getInstanceFor(alice).saveVCard(card);

        RawIq forged = new RawIq(IQ.Type.set, JidCreate.from("alice@localhost"), "vCard", "vcard-temp",
                "<NICKNAME>Forged</NICKNAME>");
        assertThatThrownBy(() -> bob.sendIqRequestAndWaitForResponse(forged))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.forbidden));
        assertThat(VCardManager.getInstanceFor(bob).loadVCard(JidCreate.entityBareFrom("alice@localhost"))
                .getNickName()).isEqualTo("Original");
    }

    private static Presence withStatus(List<Presence> received, String status) {
        return received.stream().filter(p -> status.equals(p.getStatus())).reduce((first, last) -> last).orElse(null);
    }

    @Test
    void aVCardOverTheSizeLimitIsRefused() throws Exception {
        VCard card = new VCard();
        card.setField("DESC", "x".repeat(3000));
        assertThatThrownBy(() -> VCardManager.getInstanceFor(alice).saveVCard(card))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.policy_violation));
    }

    @Test
    void presenceWithoutAnUpdateElementGetsTheAvatarHashOfTheStoredVCard() throws Exception {
        VCard card = new VCard();
        card.setAvatar(AVATAR, "image/png");
        VCardManager.getInstanceFor(alice).saveVCard(card);
        XMPPTCPConnection tablet = server.login("alice", "alice-pw", "tablet");
        List<Presence> atTablet = new CopyOnWriteArrayList<>();
        tablet.addStanzaListener(p -> atTablet.add((Presence) p), p -> p instanceof Presence presence
                && p.getFrom().toString().equals("alice@localhost/phone") && presence.getStatus() != null);
        try {
            // Smack sent the tablet's initial presence at login; the updates below must find it available.
            await().atMost(Duration.ofSeconds(5)).until(() -> server.server().sessions()
                    .get(im.parley.xmpp.Jid.parse("alice@localhost/tablet")).available());
            alice.sendStanza(alice.getStanzaFactory().buildPresenceStanza().setStatus("plain client").build());
            PresenceBuilder declared = alice.getStanzaFactory().buildPresenceStanza().setStatus("declares none")
                    .addExtension(StandardExtensionElement.builder("x", "vcard-temp:x:update").build());
            alice.sendStanza(declared.build());

            // Match by status: the tablet may also get the phone's presence when it comes online itself.
            await().atMost(Duration.ofSeconds(5)).until(() -> withStatus(atTablet, "declares none") != null);
            assertThat(photoOf(withStatus(atTablet, "plain client"))).isEqualTo(card.getAvatarHash());
            assertThat(photoOf(withStatus(atTablet, "declares none")))
                    .as("a client that declares its own update element is left alone")
                    .isNull();
        } finally {
            tablet.disconnect();
        }
    }

    /** The hash in the presence's update element, read from its XML whatever Smack parsed it into. */
    private static String photoOf(Presence presence) {
        Matcher m = PHOTO.matcher(presence.toXML().toString());
        return m.find() ? m.group(1) : null;
    }
}
