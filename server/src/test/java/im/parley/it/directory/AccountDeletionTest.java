package im.parley.it.directory;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.iqprivate.packet.DefaultPrivateData;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deleting an account removes its vCard and private data: an account made again with the name starts empty. */
class AccountDeletionTest {
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("ophelia");

    @Test
    void aRecreatedAccountFindsNoneOfTheDeletedOnesData() throws Exception {
        XMPPTCPConnection before = parley.login("ophelia", "old").connection();
        VCard card = new VCard();
        card.setNickName("Ophy");
        VCardManager.getInstanceFor(before).saveVCard(card);
        DefaultPrivateData data = new DefaultPrivateData("prefs", "urn:example:prefs");
        data.setValue("theme", "dark");
        PrivateDataManager.getInstanceFor(before).setPrivateData(data);
        before.disconnect();

        parley.server().server().accounts().delete(parley.server().user("ophelia"));
        parley.createUsers("ophelia");
        XMPPTCPConnection after = parley.login("ophelia", "new").connection();
        assertThat(VCardManager.getInstanceFor(after).loadVCard().getNickName()).isNull();
        DefaultPrivateData read = (DefaultPrivateData) PrivateDataManager.getInstanceFor(after)
                .getPrivateData("prefs", "urn:example:prefs");
        assertThat(read.getValue("theme")).isNull();
    }
}
