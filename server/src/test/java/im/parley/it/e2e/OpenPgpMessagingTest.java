package im.parley.it.e2e;

import static im.parley.it.roster.SubscriptionTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import im.parley.it.pep.Pep;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.ox.OpenPgpContact;
import org.jivesoftware.smackx.ox.OpenPgpManager;
import org.jivesoftware.smackx.ox.OpenPgpMessage;
import org.jivesoftware.smackx.ox.crypto.PainlessOpenPgpProvider;
import org.jivesoftware.smackx.ox.element.OpenPgpElement;
import org.jivesoftware.smackx.ox.store.filebased.FileBasedOpenPgpStore;
import org.jivesoftware.smackx.ox_im.OXInstantMessagingManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.pgpainless.exception.ModificationDetectionException;
import org.pgpainless.key.OpenPgpV4Fingerprint;
import org.pgpainless.key.protection.UnprotectedKeysProtector;

/**
 * End-to-end encryption through Parley with OpenPGP for XMPP (XEP-0373, XEP-0374) in two Smack
 * clients: keys published and fetched over PEP, a signed and encrypted message delivered, the
 * archived copy (XEP-0313) ciphertext only, and the recipient refusing what was altered on the way:
 * a message signed by another key than its sender's, and one with a byte of its signed, encrypted
 * content changed.
 */
class OpenPgpMessagingTest {
    private static final String SECRET = "meet me at the old mill at nine";

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "mallory");

    @TempDir
    Path keys;

    private record Party(RecordingClient client, OpenPgpManager openPgp, OpenPgpV4Fingerprint fingerprint) {
    }

    private Party party(String user) throws Exception {
        RecordingClient client = parley.login(user, "desk");
        FileBasedOpenPgpStore store = new FileBasedOpenPgpStore(Files.createDirectories(keys.resolve(user)).toFile());
        store.setKeyRingProtector(new UnprotectedKeysProtector());
        OpenPgpManager openPgp = OpenPgpManager.getInstanceFor(client.connection());
        openPgp.setOpenPgpProvider(new PainlessOpenPgpProvider(store));
        OpenPgpV4Fingerprint fingerprint = openPgp.generateAndImportKeyPair(jid(user));
        openPgp.announceSupportAndPublish();
        return new Party(client, openPgp, fingerprint);
    }

    private EntityBareJid jid(String user) throws Exception {
        return JidCreate.entityBareFrom(user + "@" + parley.server().domain());
    }

    /** {@code of}'s keys as {@code by} fetches them from PEP, trusted. */
    private OpenPgpContact trusted(Party by, String of, Party owner) throws Exception {
        OpenPgpContact contact = by.openPgp().getOpenPgpContact(jid(of));
        contact.updateKeys(by.client().connection());
        contact.trust(owner.fingerprint());
        return contact;
    }

    private static MamManager mam(Party party) throws Exception {
        MamManager manager = MamManager.getInstanceFor(party.client().connection());
        assertThat(manager.isSupported()).isTrue();
        return manager;
    }

    @Test
    void aSignedEncryptedMessageArrivesIsArchivedAsCiphertextAndAlteredOnesAreRefused() throws Exception {
        Party alice = party("alice");
        Party bob = party("bob");
        Party mallory = party("mallory");
        subscribe(alice.client(), "alice", bob.client(), "bob");
        subscribe(bob.client(), "bob", alice.client(), "alice");
        OpenPgpContact bobAsAliceSeesHim = trusted(alice, "bob", bob);
        trusted(bob, "alice", alice);
        OpenPgpContact bobAsMallorySeesHim = trusted(mallory, "bob", bob);

        // What Bob's client hands his application, and what of it Alice's signature verifies.
        List<String> handedToBob = new CopyOnWriteArrayList<>();
        List<String> readByBob = new CopyOnWriteArrayList<>();
        OXInstantMessagingManager.getInstanceFor(bob.client().connection()).addOxMessageListener(
                (contact, message, signcrypt, metadata) -> {
                    handedToBob.add(signcrypt.toXML().toString());
                    if (metadata.containsVerifiedSignatureFrom(alice.fingerprint())) {
                        readByBob.add(signcrypt.toXML().toString());
                    }
                });
        OXInstantMessagingManager.getInstanceFor(alice.client().connection()).sendOxMessage(bobAsAliceSeesHim, SECRET);
        await().atMost(Duration.ofSeconds(10)).until(() -> readByBob.size() == 1);
        assertThat(readByBob.get(0)).contains(SECRET);

        // The server kept what it carried: ciphertext, in both archives.
        for (Party party : List.of(alice, bob)) {
            MamManager.MamQuery archive = mam(party).queryArchive(
                    MamManager.MamQueryArgs.builder().limitResultsToJid(jid(party == alice ? "bob" : "alice")).build());
            assertThat(archive.getMessages()).hasSize(1);
            Message archived = archive.getMessages().get(0);
            assertThat(archived.toXML().toString()).contains("urn:xmpp:openpgp:0").doesNotContain(SECRET);
        }

        // The signature changed on the way: the content, encrypted for Bob, signed by Mallory's key
        // instead of Alice's, arrives from Alice. It decrypts, but no signature of hers verifies it.
        OpenPgpElement resigned = OXInstantMessagingManager.getInstanceFor(mallory.client().connection())
                .signAndEncrypt(Set.of(bobAsMallorySeesHim), List.of(new Message.Body(null, "resigned")))
                .getElement();
        OpenPgpContact aliceAsBobSeesHer = bob.openPgp().getOpenPgpContact(jid("alice"));
        OpenPgpMessage readAsAlices = bob.openPgp().decryptOpenPgpElement(arrived(bob, alice, resigned), aliceAsBobSeesHer);
        assertThat(readAsAlices.getOpenPgpContentElement().toXML().toString()).contains("resigned");
        assertThat(readAsAlices.getMetadata().getVerifiedSignatures()).isEmpty();

        // A bit of the signed, encrypted content changed on the way: OpenPGP's integrity check refuses
        // it. The last bit, so that exactly one bit of what it encrypts changes (CFB mode garbles the
        // block after a changed one: a bit earlier could break the packets first), and it is the
        // check's own (the modification detection code, over all that comes before it).
        OpenPgpElement signed = OXInstantMessagingManager.getInstanceFor(alice.client().connection())
                .signAndEncrypt(Set.of(bobAsAliceSeesHim), List.of(new Message.Body(null, "altered"))).getElement();
        byte[] bytes = Base64.getDecoder().decode(signed.getEncryptedBase64MessageContent());
        bytes[bytes.length - 1] ^= 0x01;
        OpenPgpElement altered = new OpenPgpElement(Base64.getEncoder().encodeToString(bytes));
        OpenPgpElement alteredAsArrived = arrived(bob, alice, altered);
        assertThat(catchThrowable(() -> bob.openPgp().decryptOpenPgpElement(alteredAsArrived, aliceAsBobSeesHer)))
                .isInstanceOf(ModificationDetectionException.class);

        // Bob's client gave his application neither.
        Pep.settle(bob.client());
        assertThat(handedToBob).hasSize(1);
        assertThat(readByBob).hasSize(1);
    }

    /**
     * {@code element} sent from Alice's connection to Bob, as Bob's client received it through the
     * server (byte for byte what was sent).
     */
    private OpenPgpElement arrived(Party bob, Party alice, OpenPgpElement element) throws Exception {
        String content = element.getEncryptedBase64MessageContent();
        alice.client().connection().sendStanza(StanzaBuilder.buildMessage().to(jid("bob")).ofType(Message.Type.chat)
                .addExtension(element).build());
        return OpenPgpElement.fromStanza((Message) bob.client().await(s -> s instanceof Message m
                && m.getExtension(OpenPgpElement.class) != null
                && content.equals(m.getExtension(OpenPgpElement.class).getEncryptedBase64MessageContent())));
    }
}
