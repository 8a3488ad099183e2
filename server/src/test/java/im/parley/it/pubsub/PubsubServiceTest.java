package im.parley.it.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import im.parley.it.pep.Pep;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.jivesoftware.smackx.pubsub.provider.SubscriptionProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** The pubsub service at pubsub.<host> (XEP-0060) with Smack's PubSubManager: what an application does with it. */
class PubsubServiceTest {
    static {
        // As in SubscriptionsTest: Smack 4.5 parses <subscription/> in the pubsub namespace only.
        ProviderManager.addExtensionProvider("subscription", "http://jabber.org/protocol/pubsub#event",
                new SubscriptionProvider());
    }

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");

    private PubSubManager pubsub(RecordingClient client) throws Exception {
        DomainBareJid service = PubSubManager.getPubSubService(client.connection());
        assertThat(service.toString()).isEqualTo("pubsub." + parley.server().domain());
        return PubSubManager.getInstanceFor(client.connection(), service);
    }

    private static PayloadItem<StandardExtensionElement> item(String id, String text) {
        return new PayloadItem<>(id, StandardExtensionElement.builder("entry", "urn:test").setText(text).build());
    }

    @Test
    void theServiceIsFoundAndItsNodesListed() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        PubSubManager service = pubsub(alice);
        assertThat(service.canCreateNodesAndPublishItems()).isTrue();
        service.createNode("news");
        assertThat(ServiceDiscoveryManager.getInstanceFor(alice.connection())
                .discoverItems(JidCreate.domainBareFrom("pubsub." + parley.server().domain())).getItems())
                .extracting(i -> i.getNode()).containsExactly("news");
    }

    @Test
    void subscribersGetPublishedItemsRetractionsAndTheDeletion() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        FillableConfigureForm config = pubsub(alice).getDefaultConfiguration().getFillableForm();
        config.setMaxItems(2);
        config.setTitle("Weather");
        LeafNode weather = (LeafNode) pubsub(alice).createNode("weather", config);
        weather.publish(item("monday", "rain"));

        LeafNode bobsView = pubsub(bob).getLeafNode("weather");
        Subscription subscription = bobsView.subscribe(bob.jid().asBareJid());
        assertThat(subscription.getState()).isEqualTo(Subscription.State.subscribed);
        // §6.1.7: the last item comes with the subscription.
        bob.await(s -> s instanceof Message && s.toXML().toString().contains("monday"));

        weather.publish(item("tuesday", "sun"));
        weather.publish(item("wednesday", "wind"));
        bob.await(s -> s instanceof Message && s.toXML().toString().contains("wednesday"));
        assertThat(bobsView.<Item>getItems()).extracting(Item::getId).containsExactly("wednesday", "tuesday");

        weather.deleteItem("tuesday");
        bob.await(s -> s.toXML().toString().matches("(?s).*<retract[^>]* id='tuesday'.*"));
        assertThat(weather.getSubscriptionsAsOwner()).extracting(Subscription::getJid)
                .containsExactly(bob.jid().asBareJid());

        pubsub(alice).deleteNode("weather");
        bob.await(s -> s.toXML().toString().matches("(?s).*<delete[^>]* node='weather'.*"));
    }

    @Test
    void ownersAloneConfigureAndAWhitelistKeepsOthersOut() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        RecordingClient carol = parley.login("carol", "desk");
        FillableConfigureForm config = pubsub(alice).getDefaultConfiguration().getFillableForm();
        config.setAccessModel(AccessModel.whitelist);
        LeafNode secret = (LeafNode) pubsub(alice).createNode("secret", config);
        secret.publish(item("1", "for bob"));
        secret.modifyAffiliationAsOwner(List.of(new Affiliation(bob.jid().asBareJid(), Affiliation.Type.member)));

        assertThat(pubsub(bob).getLeafNode("secret").<Item>getItems()).extracting(Item::getId).containsExactly("1");
        XMPPErrorException refused = catchThrowableOfType(XMPPErrorException.class,
                () -> carol.request(new RawIq(IQ.Type.get, pubsub(carol).getServiceJid(), "pubsub",
                        "http://jabber.org/protocol/pubsub", "<items node='secret'/>")));
        assertThat(refused.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);

        XMPPErrorException notOwner = catchThrowableOfType(XMPPErrorException.class,
                () -> pubsub(bob).deleteNode("secret"));
        assertThat(notOwner.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        // Smack 4.5 has no parser for the owner's <affiliations/> (its provider is for the user namespace's).
        String owners = alice.request(new RawIq(IQ.Type.get, pubsub(alice).getServiceJid(), "pubsub",
                "http://jabber.org/protocol/pubsub#owner", "<affiliations node='secret'/>")).toXML().toString();
        assertThat(owners).contains("jid='alice@localhost' affiliation='owner'")
                .contains("jid='bob@localhost' affiliation='member'");
    }

    /**
     * XEP-0059 paging of a node's items (newest first): the next page after an item, the page before
     * one, the last page (an empty {@code <before/>}), a page at an index, each first item with its
     * index; an item to page from that is not there is item-not-found (§2.6).
     */
    @Test
    void itemsArePagedBothWays() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        FillableConfigureForm config = pubsub(alice).getDefaultConfiguration().getFillableForm();
        config.setMaxItems(10);
        LeafNode log = (LeafNode) pubsub(alice).createNode("log", config);
        for (int i = 1; i <= 5; i++) {
            log.publish(item("i" + i, "entry " + i));
        }
        assertThat(page(alice, "<max>2</max>")).isEqualTo("i5 i4 first=0:i5 last=i4 count=5");
        assertThat(page(alice, "<max>2</max><after>i4</after>")).isEqualTo("i3 i2 first=2:i3 last=i2 count=5");
        assertThat(page(alice, "<max>2</max><after>i2</after>")).isEqualTo("i1 first=4:i1 last=i1 count=5");
        assertThat(page(alice, "<max>2</max><before/>")).isEqualTo("i2 i1 first=3:i2 last=i1 count=5");
        assertThat(page(alice, "<max>2</max><before>i2</before>")).isEqualTo("i4 i3 first=1:i4 last=i3 count=5");
        assertThat(page(alice, "<max>2</max><before>i5</before>")).isEqualTo("count=5");
        assertThat(page(alice, "<max>2</max><index>3</index>")).isEqualTo("i2 i1 first=3:i2 last=i1 count=5");
        XMPPErrorException gone = catchThrowableOfType(XMPPErrorException.class,
                () -> page(alice, "<max>2</max><after>i9</after>"));
        assertThat(gone.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
    }

    /** The item ids of a page of the node "log", then its {@code <set/>}: first (with its index), last and count. */
    private String page(RecordingClient client, String set) throws Exception {
        String xml = client.request(new RawIq(IQ.Type.get, pubsub(client).getServiceJid(), "pubsub",
                "http://jabber.org/protocol/pubsub", "<items node='log'/><set xmlns='http://jabber.org/protocol/rsm'>"
                + set + "</set>")).toXML().toString();
        StringBuilder page = new StringBuilder();
        Matcher ids = Pattern.compile("<item id='([^']+)'").matcher(xml);
        while (ids.find()) {
            page.append(ids.group(1)).append(' ');
        }
        Matcher first = Pattern.compile("<first index='(\\d+)'>([^<]+)</first>").matcher(xml);
        if (first.find()) {
            page.append("first=").append(first.group(1)).append(':').append(first.group(2)).append(' ');
        }
        Matcher last = Pattern.compile("<last>([^<]+)</last>").matcher(xml);
        if (last.find()) {
            page.append("last=").append(last.group(1)).append(' ');
        }
        Matcher count = Pattern.compile("<count>(\\d+)</count>").matcher(xml);
        assertThat(count.find()).as(xml).isTrue();
        return page.append("count=").append(count.group(1)).toString();
    }

    /**
     * The owner purges a node (§8.5: its subscribers are told, its items gone) and changes who is
     * subscribed (§8.8.2): a new subscriber and a removed one are each told, and notified accordingly.
     */
    @Test
    void theOwnerPurgesAndSetsSubscriptions() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        RecordingClient carol = parley.login("carol", "desk");
        LeafNode news = (LeafNode) pubsub(alice).createNode("news");
        news.publish(item("1", "first"));
        pubsub(bob).getLeafNode("news").subscribe(bob.jid().asBareJid());

        news.deleteAllItems();
        bob.await(s -> s.toXML().toString().matches("(?s).*<purge[^>]* node='news'.*"));
        assertThat(news.<Item>getItems()).isEmpty();

        news.modifySubscriptionsAsOwner(List.of(
                new Subscription(carol.jid().asBareJid(), "news", null, Subscription.State.subscribed),
                new Subscription(bob.jid().asBareJid(), "news", null, Subscription.State.none)));
        carol.await(s -> s instanceof Message && s.toXML().toString()
                .matches("(?s).*<subscription [^>]*subscription='subscribed'.*"));
        bob.await(s -> s instanceof Message && s.toXML().toString()
                .matches("(?s).*<subscription [^>]*subscription='none'.*"));
        assertThat(news.getSubscriptionsAsOwner()).extracting(Subscription::getJid)
                .containsExactly(carol.jid().asBareJid());

        news.publish(item("2", "second"));
        carol.await(s -> s instanceof Message && s.toXML().toString().contains("second"));
        Pep.settle(bob);
        assertThat(bob.received()).noneMatch(s -> s.toXML().toString().contains("second"));
    }
}
