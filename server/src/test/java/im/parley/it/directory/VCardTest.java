package im.parley.it.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import java.time.Duration;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** vCard-temp (XEP-0054) and vCard avatars in presence (XEP-0153), seen by real clients. */
class VCardTest {
    private static final byte[] AVATAR = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5};
    private static final Pattern PHOTO = Pattern.compile("<photo>([0-9a-f]+)</photo>");
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension()
            .config("vcard:\n  max-bytes: 2048\n").users("alice", "bob", "carol");
    @Login("alice/phone")
    XMPPTCPConnection alice;
    @Login("bob/laptop")
    XMPPTCPConnection bob;

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
        XMPPTCPConnection carol = parley.login("carol", "desk").connection();
        assertThat(VCardManager.getInstanceFor(carol).loadVCard().getNickName()).isNull();
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
        RecordingClient tablet = parley.login("alice", "tablet");
        // Smack sent the tablet's initial presence at login; the updates below must find it available.
        parley.server().awaitAvailable("alice@localhost/tablet");
        alice.sendStanza(alice.getStanzaFactory().buildPresenceStanza().setStatus("plain client").build());
        PresenceBuilder declared = alice.getStanzaFactory().buildPresenceStanza().setStatus("declares none")
                .addExtension(StandardExtensionElement.builder("x", "vcard-temp:x:update").build());
        alice.sendStanza(declared.build());

        // Match by status: the tablet may also get the phone's presence when it comes online itself.
        await().atMost(Duration.ofSeconds(5)).until(() -> withStatus(fromPhone(tablet), "declares none") != null);
        assertThat(photoOf(withStatus(fromPhone(tablet), "plain client"))).isEqualTo(card.getAvatarHash());
        assertThat(photoOf(withStatus(fromPhone(tablet), "declares none")))
                .as("a client that declares its own update element is left alone")
                .isNull();
    }

    /** The presences with a status the phone's session sent to a client. */
    private static List<Presence> fromPhone(RecordingClient client) {
        return client.received(Presence.class).stream().filter(p -> p.getStatus() != null
                && p.getFrom().toString().equals("alice@localhost/phone")).toList();
    }

    /** The hash in the presence's update element, read from its XML whatever Smack parsed it into. */
    private static String photoOf(Presence presence) {
        Matcher m = PHOTO.matcher(presence.toXML().toString());
        return m.find() ? m.group(1) : null;
    }
}
