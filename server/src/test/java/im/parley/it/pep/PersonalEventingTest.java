package im.parley.it.pep;

import static im.parley.it.pep.Pep.condition;
import static im.parley.it.pep.Pep.items;
import static im.parley.it.pep.Pep.publish;
import static im.parley.it.roster.SubscriptionTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.util.List;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/** Personal eventing (XEP-0163) with real Smack clients: publishing, access models, notifications, node management. */
class PersonalEventingTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol", "dave", "erin");

    private BareJid jid(String user) throws Exception {
        return JidCreate.bareFrom(user + "@" + parley.server().domain());
    }

    @Test
    void theAccountAnnouncesPep() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection()).discoverInfo(jid("alice"));
        assertThat(info.hasIdentity("pubsub", "pep")).isTrue();
        assertThat(info.containsFeature("http://jabber.org/protocol/pubsub#publish-options")).isTrue();
        assertThat(PepManager.getInstanceFor(alice.connection()).isSupported()).isTrue();
    }

    /**
     * The access models of XEP-0060 §4.5 against four readers: a stranger, a contact subscribed to
     * Alice's presence, a contact in her "Family" group, and a JID she whitelisted.
     */
    @Test
    void eachAccessModelLetsInWhomItNames() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient stranger = parley.login("bob", "desk");
        RecordingClient contact = parley.login("carol", "desk");
        RecordingClient family = parley.login("dave", "desk");
        RecordingClient whitelisted = parley.login("erin", "desk");
        subscribe(contact, "carol", alice, "alice");
        alice.roster().createItem(jid("dave"), "Dave", new String[] {"Family"});
        publish(alice, "urn:test:presence", "1", "for contacts");
        publish(alice, "urn:test:roster", "1", "for family", "pubsub#access_model", "roster",
                "pubsub#roster_groups_allowed", "Family");
        publish(alice, "urn:test:whitelist", "1", "for erin", "pubsub#access_model", "whitelist");
        publish(alice, "urn:test:open", "1", "for all", "pubsub#access_model", "open");
        LeafNode whitelist = PepManager.getInstanceFor(alice.connection()).getPepPubSubManager()
                .getLeafNode("urn:test:whitelist");
        whitelist.modifyAffiliationAsOwner(List.of(new Affiliation(jid("erin"), Affiliation.Type.member)));

        assertThat(readable(stranger)).containsExactly("urn:test:open");
        assertThat(readable(contact)).containsExactly("urn:test:presence", "urn:test:open");
        assertThat(readable(family)).containsExactly("urn:test:roster", "urn:test:open");
        assertThat(readable(whitelisted)).containsExactly("urn:test:whitelist", "urn:test:open");
        assertThat(readable(alice)).hasSize(4);

        assertThat(refusal(stranger, "urn:test:presence")).isEqualTo("not-authorized/presence-subscription-required");
        assertThat(refusal(stranger, "urn:test:roster")).isEqualTo("not-authorized/not-in-roster-group");
        assertThat(refusal(stranger, "urn:test:whitelist")).isEqualTo("not-allowed/closed-node");
        assertThat(refusal(stranger, "urn:test:nothing")).isEqualTo("item-not-found");
    }

    private List<String> readable(RecordingClient reader) throws Exception {
        return List.of("urn:test:presence", "urn:test:roster", "urn:test:whitelist", "urn:test:open").stream()
                .filter(node -> refusal(reader, node) == null).toList();
    }

    private String refusal(RecordingClient reader, String node) {
        try {
            IQ result = items(reader, jid("alice"), node, "", "");
            assertThat(((PubSub) result).<org.jivesoftware.smackx.pubsub.ItemsExtension>getExtension(org.jivesoftware.smackx.pubsub.PubSubElementType.ITEMS).getItems())
                    .hasSize(1);
            return null;
        } catch (XMPPErrorException e) {
            return condition(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void publishOptionsAreAPreconditionOnceTheNodeExists() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        publish(alice, "urn:test:keys", "current", "k1", "pubsub#access_model", "open", "pubsub#max_items", "max");
        publish(alice, "urn:test:keys", "current", "k2", "pubsub#access_model", "open", "pubsub#max_items", "max");
        XMPPErrorException refused = catchThrowableOfType(XMPPErrorException.class,
                () -> publish(alice, "urn:test:keys", "current", "k3", "pubsub#access_model", "whitelist"));
        assertThat(condition(refused)).isEqualTo("conflict/precondition-not-met");
        XMPPErrorException unknown = catchThrowableOfType(XMPPErrorException.class,
                () -> publish(alice, "urn:test:keys", "current", "k3", "pubsub#no_such_option", "1"));
        assertThat(condition(unknown)).isEqualTo("conflict/precondition-not-met");
        // No owner's answer can reach a PEP service (the account's own JID): no authorize model here.
        XMPPErrorException authorize = catchThrowableOfType(XMPPErrorException.class,
                () -> publish(alice, "urn:test:diary", "1", "d", "pubsub#access_model", "authorize"));
        assertThat(condition(authorize)).isEqualTo("not-acceptable/unsupported-access-model");

        LeafNode node = PepManager.getInstanceFor(alice.connection()).getPepPubSubManager().getLeafNode("urn:test:keys");
        assertThat(node.getNodeConfiguration().getAccessModel().toString()).isEqualTo("open");
        List<PayloadItem<?>> items = node.getItems();
        assertThat(items).extracting(Item::getId).containsExactly("current");
        assertThat(items.get(0).getPayload().toXML().toString()).contains("k2");
    }

    /** XEP-0060 §5.2 at an account's bare JID: its PEP nodes, each listed to whom may learn of it. */
    @Test
    void discoItemsOfTheAccountListTheNodesTheRequesterMayFind() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient stranger = parley.login("bob", "desk");
        RecordingClient contact = parley.login("carol", "desk");
        subscribe(contact, "carol", alice, "alice");
        publish(alice, "urn:test:presence", "1", "for contacts");
        publish(alice, "urn:test:open", "1", "for all", "pubsub#access_model", "open");
        publish(alice, "urn:test:mine", "1", "for me", "pubsub#access_model", "whitelist");

        assertThat(nodes(alice)).containsExactlyInAnyOrder("urn:test:presence", "urn:test:open", "urn:test:mine");
        assertThat(nodes(contact)).containsExactlyInAnyOrder("urn:test:presence", "urn:test:open");
        assertThat(nodes(stranger)).containsExactly("urn:test:open");
        assertThat(ServiceDiscoveryManager.getInstanceFor(stranger.connection()).discoverItems(jid("alice")).getItems())
                .extracting(DiscoverItems.Item::getEntityID).containsOnly(jid("alice"));
        assertThat(ServiceDiscoveryManager.getInstanceFor(alice.connection()).discoverItems(jid("alice")).getItems())
                .extracting(DiscoverItems.Item::getEntityID).contains(alice.jid());
    }

    /**
     * XEP-0060 §5.5 at a PEP node: its items (by id) to whom may read it, a stranger too when the node is
     * open; XEP-0030 §8 rule 2.1: a node the stranger may not read answers as one that does not exist.
     */
    @Test
    void discoItemsOfANodeListItsItemsToWhomMayReadIt() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient stranger = parley.login("bob", "desk");
        publish(alice, "urn:test:open", "1", "for all", "pubsub#access_model", "open");
        publish(alice, "urn:test:presence", "1", "for contacts");

        assertThat(itemIds(stranger, "urn:test:open")).containsExactly("1");
        assertThat(itemIds(alice, "urn:test:presence")).containsExactly("1");
        assertThat(itemIds(stranger, "urn:test:presence")).isEmpty();
        assertThat(itemIds(stranger, "urn:test:none")).isEmpty();
        XMPPErrorException missing = catchThrowableOfType(XMPPErrorException.class,
                () -> itemIds(alice, "urn:test:none"));
        assertThat(missing.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
    }

    private List<String> itemIds(RecordingClient requester, String node) throws Exception {
        return ServiceDiscoveryManager.getInstanceFor(requester.connection()).discoverItems(jid("alice"), node)
                .getItems().stream().map(DiscoverItems.Item::getName).toList();
    }

    private List<String> nodes(RecordingClient requester) throws Exception {
        return ServiceDiscoveryManager.getInstanceFor(requester.connection()).discoverItems(jid("alice")).getItems()
                .stream().map(DiscoverItems.Item::getNode).filter(node -> node != null).toList();
    }

    /** XEP-0223: a node its owner alone reads, made by publish-options, even to contacts who see its presence. */
    @Test
    void privateStorageOverPepIsTheOwnersAlone() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        subscribe(bob, "bob", alice, "alice");
        publish(alice, "urn:test:private", "current", "my secret", "pubsub#persist_items", "true",
                "pubsub#access_model", "whitelist");
        assertThat(condition(catchThrowableOfType(XMPPErrorException.class,
                () -> items(bob, jid("alice"), "urn:test:private", "", "")))).isEqualTo("not-allowed/closed-node");
        assertThat(items(alice, jid("alice"), "urn:test:private", "", "").toXML().toString()).contains("my secret");
    }

    @Test
    void maxItemsKeepsTheNewestAndPagesGoBackInTime() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        for (int i = 1; i <= 5; i++) {
            publish(alice, "urn:test:log", "i" + i, "entry " + i, "pubsub#max_items", "3");
        }
        PubSubManager pep = PepManager.getInstanceFor(alice.connection()).getPepPubSubManager();
        LeafNode node = pep.getLeafNode("urn:test:log");
        assertThat(node.<Item>getItems()).extracting(Item::getId).containsExactly("i5", "i4", "i3");
        assertThat(node.<Item>getItems(2)).extracting(Item::getId).containsExactly("i5", "i4");

        PubSub firstPage = (PubSub) items(alice, jid("alice"), "urn:test:log", "",
                "<set xmlns='http://jabber.org/protocol/rsm'><max>2</max></set>");
        assertThat(firstPage.toXML().toString()).contains("<count>3</count>").contains("<last>i4</last>");
        PubSub secondPage = (PubSub) items(alice, jid("alice"), "urn:test:log", "",
                "<set xmlns='http://jabber.org/protocol/rsm'><max>2</max><after>i4</after></set>");
        assertThat(secondPage.toXML().toString()).contains("<item id='i3'").doesNotContain("i4").doesNotContain("i5");

        IQ generated = publish(alice, "urn:test:log", null, "no id");
        assertThat(generated.toXML().toString()).containsPattern("<item id='[0-9a-f]{24}'");
    }

    /**
     * A contact whose caps ask for {@code node+notify} gets the node's last item as its caps are
     * verified, then each new item and retraction; a stranger asking for them gets nothing; purge
     * and delete notify too.
     */
    @Test
    void contactsWithNotifyGetItemsRetractionsPurgeAndDeletion() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        RecordingClient carol = parley.login("carol", "desk");
        subscribe(bob, "bob", alice, "alice");
        String node = "urn:test:mood";
        publish(alice, node, "m1", "happy");

        Pep.notify(bob, node);
        Pep.notify(carol, node);
        Pep.notify(alice, node);
        assertThat(Pep.awaitItem(bob, jid("alice"), node).getId()).isEqualTo("m1");

        publish(alice, node, "m2", "curious");
        Pep.until(() -> Pep.receivedItem(bob, jid("alice"), node, "m2"));
        Pep.until(() -> Pep.receivedItem(alice, jid("alice"), node, "m2"));

        PubSubManager pep = PepManager.getInstanceFor(alice.connection()).getPepPubSubManager();
        LeafNode leaf = pep.getLeafNode(node);
        leaf.deleteItem("m2");
        assertThat(Pep.awaitRetraction(bob, jid("alice"), node).getId()).isEqualTo("m2");

        leaf.deleteAllItems();
        bob.await(s -> s.toXML().toString().matches("(?s).*<purge[^>]* node='" + node + "'.*"));
        pep.deleteNode(node);
        bob.await(s -> s.toXML().toString().matches("(?s).*<delete[^>]* node='" + node + "'.*"));

        Pep.settle(carol);
        assertThat(carol.received().stream().filter(s -> s.toXML().toString().contains(node))).isEmpty();
    }

    @Test
    void aNewResourceGetsTheLastItemsOfItsContactsAndItsOwn() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        subscribe(bob, "bob", alice, "alice");
        publish(alice, "urn:test:tune", "t1", "a song");
        publish(bob, "urn:test:tune", "t9", "another song");
        bob.close();

        RecordingClient phone = parley.client("bob").resource("phone").build();
        ServiceDiscoveryManager.getInstanceFor(phone.connection()).addFeature("urn:test:tune+notify");
        phone.login();
        Pep.until(() -> Pep.receivedItem(phone, jid("alice"), "urn:test:tune", "t1"));
        Pep.until(() -> Pep.receivedItem(phone, jid("bob"), "urn:test:tune", "t9"));
    }

    @Test
    void onlyTheOwnerPublishesAndDeletingTheAccountDeletesItsNodes() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        publish(alice, "urn:test:open", "1", "hello", "pubsub#access_model", "open");
        XMPPErrorException refused = catchThrowableOfType(XMPPErrorException.class, () -> bob.request(
                new im.parley.testkit.RawIq(IQ.Type.set, jid("alice"), "pubsub", Pep.PUBSUB,
                        "<publish node='urn:test:open'><item><x xmlns='urn:test'/></item></publish>")));
        assertThat(condition(refused)).isEqualTo("forbidden");

        alice.close();
        parley.server().server().accounts().delete(parley.server().user("alice"));
        parley.createUsers("alice");
        assertThat(condition(catchThrowableOfType(XMPPErrorException.class,
                () -> items(bob, jid("alice"), "urn:test:open", "", "")))).isEqualTo("item-not-found");
    }
}
