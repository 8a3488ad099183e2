package im.parley.it.pep;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** XEP-0084 avatars kept in step with vCard avatars (XEP-0398), both ways. */
class AvatarConversionTest {
    private static final byte[] IMAGE = "\u0089PNG not really an image, but bytes all the same".getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1);

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob");

    private static String sha1(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }

    @Test
    void anAvatarPublishedOverPepBecomesTheVCardPhoto() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        assertThat(ServiceDiscoveryManager.getInstanceFor(alice.connection()).discoverInfo(alice.jid().asBareJid())
                .containsFeature("urn:xmpp:pep-vcard-conversion:0")).isTrue();
        String id = sha1(IMAGE);
        alice.request(new RawIq(IQ.Type.set, null, "pubsub", Pep.PUBSUB, "<publish node='urn:xmpp:avatar:data'>"
                + "<item id='" + id + "'><data xmlns='urn:xmpp:avatar:data'>" + Base64.getEncoder().encodeToString(IMAGE)
                + "</data></item></publish>" + Pep.publishOptions("pubsub#access_model", "open")));
        alice.request(new RawIq(IQ.Type.set, null, "pubsub", Pep.PUBSUB, "<publish node='urn:xmpp:avatar:metadata'>"
                + "<item id='" + id + "'><metadata xmlns='urn:xmpp:avatar:metadata'><info bytes='" + IMAGE.length
                + "' id='" + id + "' type='image/png'/></metadata></item></publish>"
                + Pep.publishOptions("pubsub#access_model", "open")));

        VCard card = VCardManager.getInstanceFor(bob.connection()).loadVCard(alice.jid().asEntityBareJid());
        assertThat(card.getAvatar()).isEqualTo(IMAGE);
        assertThat(card.getAvatarMimeType()).isEqualTo("image/png");
    }

    @Test
    void aVCardPhotoIsPublishedAsTheAvatar() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        VCard card = new VCard();
        card.setNickName("alice");
        card.setAvatar(IMAGE, "image/jpeg");
        VCardManager.getInstanceFor(alice.connection()).saveVCard(card);

        String id = sha1(IMAGE);
        String metadata = Pep.items(alice, alice.jid().asBareJid(), "urn:xmpp:avatar:metadata", "", "").toXML().toString();
        assertThat(metadata).contains("id='" + id + "'").contains("type='image/jpeg'")
                .contains("bytes='" + IMAGE.length + "'");
        String data = Pep.items(alice, alice.jid().asBareJid(), "urn:xmpp:avatar:data", "", "").toXML().toString();
        assertThat(data).contains(Base64.getEncoder().encodeToString(IMAGE));
    }

    /** Removal both ways: empty metadata (XEP-0084 §4.5) takes the photo out of the vCard, a vCard without one empties the metadata. */
    @Test
    void removingTheAvatarOnEitherSideRemovesItOnTheOther() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        VCardManager vcards = VCardManager.getInstanceFor(alice.connection());
        VCard card = new VCard();
        card.setNickName("alice");
        card.setAvatar(IMAGE, "image/png");
        vcards.saveVCard(card);
        alice.request(new RawIq(IQ.Type.set, null, "pubsub", Pep.PUBSUB, "<publish node='urn:xmpp:avatar:metadata'>"
                + "<item><metadata xmlns='urn:xmpp:avatar:metadata'/></item></publish>"));
        VCard withoutPhoto = vcards.loadVCard();
        assertThat(withoutPhoto.getAvatar()).isNull();
        assertThat(withoutPhoto.getNickName()).isEqualTo("alice");

        vcards.saveVCard(card);
        assertThat(metadata(alice)).contains("<info ");
        card.removeAvatar();
        vcards.saveVCard(card);
        assertThat(metadata(alice)).doesNotContain("<info ").contains("<metadata xmlns='urn:xmpp:avatar:metadata'");
    }

    private static String metadata(RecordingClient client) throws Exception {
        return Pep.items(client, client.jid().asBareJid(), "urn:xmpp:avatar:metadata", "", "").toXML().toString();
    }
}
