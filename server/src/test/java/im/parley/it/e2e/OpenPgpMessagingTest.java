package im.parley.it.e2e;

import static im.parley.it.roster.SubscriptionTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
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
import org.pgpainless.key.OpenPgpV4Fingerprint;
import org.pgpainless.key.protection.UnprotectedKeysProtector;

/**
 * End-to-end encryption through Parley with OpenPGP for XMPP (XEP-0373, XEP-0374) in two Smack
 * clients: keys published and fetched over PEP, a signed and encrypted message delivered, the
 * archived copy (XEP-0313) ciphertext only, and the recipient refusing the message once a byte of
 * its signed, encrypted content is changed on the way.
 */
class OpenPgpMessagingTest {
    private static final String SECRET = "meet me at the old mill at nine";

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob");

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
    void aSignedEncryptedMessageArrivesIsArchivedAsCiphertextAndATamperedCopyIsRefused() throws Exception {
        Party alice = party("alice");
        Party bob = party("bob");
        subscribe(alice.client(), "alice", bob.client(), "bob");
        subscribe(bob.client(), "bob", alice.client(), "alice");
        OpenPgpContact bobAsAliceSeesHim = trusted(alice, "bob", bob);
        OpenPgpContact aliceAsBobSeesHer = trusted(bob, "alice", alice);

        List<String> readByBob = new CopyOnWriteArrayList<>();
        OXInstantMessagingManager.getInstanceFor(bob.client().connection()).addOxMessageListener(
                (contact, message, signcrypt, metadata) -> {
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
        Message archived = mam(bob).queryArchive(MamManager.MamQueryArgs.builder().limitResultsToJid(jid("alice")).build())
                .getMessages().get(0);
        OpenPgpElement asSent = OpenPgpElement.fromStanza(archived);

        // What Bob's client does with an <openpgp/> from Alice: decrypt and verify. Untouched, her signature holds.
        OpenPgpMessage intact = bob.openPgp().decryptOpenPgpElement(asSent, aliceAsBobSeesHer);
        assertThat(intact.getMetadata().containsVerifiedSignatureFrom(alice.fingerprint())).isTrue();

        // A byte near the end (the signature packet and the integrity check, encrypted) changed in transit.
        byte[] bytes = Base64.getDecoder().decode(asSent.getEncryptedBase64MessageContent());
        bytes[bytes.length - 40] ^= 0x01;
        OpenPgpElement tampered = new OpenPgpElement(Base64.getEncoder().encodeToString(bytes));
        Throwable refusal = catchThrowable(() -> {
            OpenPgpMessage read = bob.openPgp().decryptOpenPgpElement(tampered, aliceAsBobSeesHer);
            assertThat(read.getMetadata().containsVerifiedSignatureFrom(alice.fingerprint())).isFalse();
            throw new IllegalStateException("read, unverified");
        });
        assertThat(refusal).isNotNull().isNotInstanceOf(AssertionError.class);
    }
}
