package im.parley.it.directory;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.it.TestServer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.iqprivate.packet.DefaultPrivateData;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deleting an account removes its vCard and private data: an account made again with the name starts empty. */
class AccountDeletionTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aRecreatedAccountFindsNoneOfTheDeletedOnesData() throws Exception {
        server.addUser("ophelia", "pw");
        XMPPTCPConnection before = server.login("ophelia", "pw", "old");
        VCard card = new VCard();
        card.setNickName("Ophy");
        VCardManager.getInstanceFor(before).saveVCard(card);
        DefaultPrivateData data = new DefaultPrivateData("prefs", "urn:example:prefs");
        data.setValue("theme", "dark");
        PrivateDataManager.getInstanceFor(before).setPrivateData(data);
        before.disconnect();

        server.server().accounts().delete(server.user("ophelia"));
        server.addUser("ophelia", "pw");
        XMPPTCPConnection after = server.login("ophelia", "pw", "new");
        try {
            assertThat(VCardManager.getInstanceFor(after).loadVCard().getNickName()).isNull();
            DefaultPrivateData read = (DefaultPrivateData) PrivateDataManager.getInstanceFor(after)
                    .getPrivateData("prefs", "urn:example:prefs");
            assertThat(read.getValue("theme")).isNull();
        } finally {
            after.disconnect();
        }
    }
}
