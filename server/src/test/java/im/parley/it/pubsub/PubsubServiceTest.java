package im.parley.it.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import java.util.List;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** The pubsub service at pubsub.<host> (XEP-0060) with Smack's PubSubManager: what an application does with it. */
class PubsubServiceTest {
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
}
