package im.parley.it.pep;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.bookmarks.BookmarkManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * XEP-0402 PEP bookmarks kept in step with XEP-0048 bookmarks in private XML storage (XEP-0411):
 * a client of either kind sees what the other stored.
 */
class BookmarksConversionTest {
    private static final String NODE = "urn:xmpp:bookmarks:1";

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice");

    @Test
    void privateBookmarksBecomeItemsAndItemsBecomePrivateBookmarks() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        assertThat(ServiceDiscoveryManager.getInstanceFor(alice.connection())
                .discoverInfo(alice.jid().asBareJid()).containsFeature(NODE + "#compat")).isTrue();

        // An older client stores its bookmarks in private XML storage (XEP-0048 with XEP-0049).
        BookmarkManager legacy = BookmarkManager.getBookmarkManager(alice.connection());
        legacy.addBookmarkedConference("Tea", JidCreate.entityBareFrom("tea@conference.localhost"), true,
                Resourcepart.from("Alice"), null);
        legacy.addBookmarkedConference("Council", JidCreate.entityBareFrom("council@conference.localhost"), false,
                null, "s3cret");

        LeafNode node = PepManager.getInstanceFor(alice.connection()).getPepPubSubManager().getLeafNode(NODE);
        assertThat(node.<Item>getItems()).extracting(Item::getId)
                .containsExactlyInAnyOrder("tea@conference.localhost", "council@conference.localhost");
        assertThat(node.getNodeConfiguration().getAccessModel().toString()).isEqualTo("whitelist");
        assertThat(itemsXml(alice)).contains("autojoin='true'").containsPattern("<nick[^>]*>Alice</nick>")
                .containsPattern("<password[^>]*>s3cret</password>");

        // A newer client publishes one room and retracts another on the node (XEP-0402).
        alice.request(new RawIq(IQ.Type.set, null, "pubsub", Pep.PUBSUB, "<publish node='" + NODE + "'>"
                + "<item id='garden@conference.localhost'><conference xmlns='" + NODE + "' name='Garden' autojoin='true'>"
                + "<nick>Al</nick></conference></item></publish>" + Pep.publishOptions("pubsub#persist_items", "true",
                        "pubsub#max_items", "max", "pubsub#send_last_published_item", "never",
                        "pubsub#access_model", "whitelist")));
        node.deleteItem("council@conference.localhost");

        String stored = alice.request(new RawIq(IQ.Type.get, null, "query", "jabber:iq:private",
                "<storage xmlns='storage:bookmarks'/>")).toXML().toString();
        assertThat(stored).contains("jid='garden@conference.localhost'").contains("name='Garden'")
                .containsPattern("<nick[^>]*>Al</nick>").contains("jid='tea@conference.localhost'")
                .doesNotContain("council@conference.localhost");
    }

    private static String itemsXml(RecordingClient client) throws Exception {
        return Pep.items(client, client.jid().asBareJid(), NODE, "", "").toXML().toString();
    }
}
