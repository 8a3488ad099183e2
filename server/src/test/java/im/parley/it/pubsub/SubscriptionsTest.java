package im.parley.it.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import im.parley.it.pep.Pep;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.jivesoftware.smackx.pubsub.provider.SubscriptionProvider;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.ListSingleFormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Subscriptions at the pubsub service (XEP-0060) with Smack: the authorize access model (a pending
 * subscription, the owner's approval form, approval and denial, §4.5/§6.1.3/§8.6), subscription
 * options (§6.3), and subscribers who lose access when the node's access model or whitelist changes.
 */
class SubscriptionsTest {
    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    private static final String AUTHORIZATION = PUBSUB + "#subscribe_authorization";
    private static final String GET_PENDING = PUBSUB + "#get-pending";
    static {
        // Smack 4.5 parses <subscription/> in the pubsub namespace only; inside an event it would drop the message.
        ProviderManager.addExtensionProvider("subscription", PUBSUB + "#event", new SubscriptionProvider());
    }

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");

    private DomainBareJid service() throws Exception {
        return JidCreate.domainBareFrom("pubsub." + parley.server().domain());
    }

    private LeafNode node(RecordingClient owner, String name, AccessModel model) throws Exception {
        PubSubManager pubsub = PubSubManager.getInstanceFor(owner.connection(), service());
        FillableConfigureForm config = pubsub.getDefaultConfiguration().getFillableForm();
        config.setAccessModel(model);
        return (LeafNode) pubsub.createNode(name, config);
    }

    private static PayloadItem<StandardExtensionElement> item(String id) {
        return new PayloadItem<>(id, StandardExtensionElement.builder("entry", "urn:test").setText(id).build());
    }

    private IQ request(RecordingClient client, IQ.Type type, String xml) throws Exception {
        return client.request(new RawIq(type, service(), "pubsub", PUBSUB, xml));
    }

    /** The stanza error and its pubsub#errors condition, as "condition/pubsub-condition". */
    private String refusal(RecordingClient client, IQ.Type type, String xml) {
        XMPPErrorException e = catchThrowableOfType(XMPPErrorException.class, () -> request(client, type, xml));
        assertThat(e).as("refused: " + xml).isNotNull();
        Matcher pubsub = Pattern.compile("<([a-z-]+) xmlns=['\"]" + PUBSUB + "#errors").matcher(e.getStanzaError().toXML());
        return e.getStanzaError().getCondition() + (pubsub.find() ? "/" + pubsub.group(1) : "");
    }

    private static Message subscriptionEvent(RecordingClient client, String node, String state) {
        return (Message) client.await(s -> s instanceof Message m && m.toXML().toString()
                .matches("(?s).*<subscription [^>]*node='" + node + "'[^>]*subscription='" + state + "'.*"));
    }

    /** Answers the service's request about {@code subscriber} with the submitted form, pubsub#allow set. */
    private void answer(RecordingClient owner, BareJid subscriber, boolean allow) throws Exception {
        Message request = (Message) owner.await(s -> s instanceof Message m && m.toXML().toString()
                .contains(AUTHORIZATION) && m.toXML().toString().contains(subscriber.toString()));
        FillableForm form = new FillableForm(DataForm.from(request));
        form.setAnswer("pubsub#allow", allow);
        // §8.6: the answer reflects the request's id.
        owner.send(StanzaBuilder.buildMessage(request.getStanzaId()).to(service())
                .addExtension(form.getDataFormToSubmit()).build());
    }

    @Test
    void anAuthorizeNodeWaitsForItsOwnerToApproveEachSubscriber() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        RecordingClient carol = parley.login("carol", "desk");
        node(alice, "diary", AccessModel.authorize).publish(item("day1"));

        LeafNode bobsView = PubSubManager.getInstanceFor(bob.connection(), service()).getLeafNode("diary");
        assertThat(bobsView.subscribe(bob.jid().asBareJid()).getState()).isEqualTo(Subscription.State.pending);
        assertThat(refusal(bob, IQ.Type.get, "<items node='diary'/>")).isEqualTo("not-authorized/pending-subscription");
        assertThat(refusal(carol, IQ.Type.get, "<items node='diary'/>")).isEqualTo("not-authorized/not-subscribed");

        answer(alice, bob.jid().asBareJid(), true);
        subscriptionEvent(bob, "diary", "subscribed");
        bob.await(s -> s instanceof Message && s.toXML().toString().contains("day1"));
        assertThat(bobsView.<Item>getItems()).extracting(Item::getId).containsExactly("day1");

        PubSubManager.getInstanceFor(carol.connection(), service()).getLeafNode("diary")
                .subscribe(carol.jid().asBareJid());
        answer(alice, carol.jid().asBareJid(), false);
        subscriptionEvent(carol, "diary", "none");
        assertThat(refusal(carol, IQ.Type.get, "<items node='diary'/>")).isEqualTo("not-authorized/not-subscribed");
        LeafNode diary = PubSubManager.getInstanceFor(alice.connection(), service()).getLeafNode("diary");
        assertThat(diary.getSubscriptionsAsOwner()).extracting(Subscription::getJid)
                .containsExactly(bob.jid().asBareJid());

        // Only an owner answers; an answer about no pending subscription is unexpected.
        bob.send(bob.connection().getStanzaFactory().buildMessageStanza().to(service())
                .addExtension(approval("diary", carol.jid().asBareJid())).build());
        assertThat(bob.await(s -> s instanceof Message m && m.getType() == Message.Type.error).getError()
                .getCondition().toString()).isEqualTo("forbidden");
        alice.send(alice.connection().getStanzaFactory().buildMessageStanza().to(service())
                .addExtension(approval("diary", carol.jid().asBareJid())).build());
        assertThat(alice.await(s -> s instanceof Message m && m.getType() == Message.Type.error).getError()
                .getCondition().toString()).isEqualTo("unexpected-request");
    }

    /**
     * XEP-0060 §8.7: the pending-subscriptions command offers the owner its authorize nodes, then
     * sends it each request pending at the one it chose, which it answers as any other; a
     * requester who owns no such node is refused (forbidden), a node that does not exist is
     * item-not-found.
     */
    @Test
    void theOwnerAsksForThePendingRequestsOfANodeByAdHocCommand() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        RecordingClient carol = parley.login("carol", "desk");
        node(alice, "diary", AccessModel.authorize);
        node(alice, "news", AccessModel.open);
        for (RecordingClient subscriber : List.of(bob, carol)) {
            PubSubManager.getInstanceFor(subscriber.connection(), service()).getLeafNode("diary")
                    .subscribe(subscriber.jid().asBareJid());
        }
        Pep.until(() -> requests(alice) == 2);

        AdHocCommandManager commands = AdHocCommandManager.getInstance(alice.connection());
        assertThat(commands.discoverCommands(service()).getItems()).extracting(DiscoverItems.Item::getNode)
                .containsExactly(GET_PENDING);
        AdHocCommand command = commands.getRemoteCommand(service(), GET_PENDING);
        FillableForm form = command.execute().asExecutingOrThrow().getFillableForm();
        assertThat(((ListSingleFormField) form.getDataForm().getField("pubsub#node")).getOptions())
                .extracting(FormField.Option::getValueString).containsExactly("diary");
        form.setAnswer("pubsub#node", "diary");
        assertThat(command.execute(form).isCompleted()).isTrue();
        Pep.until(() -> requests(alice) == 4);
        answer(alice, bob.jid().asBareJid(), true);
        subscriptionEvent(bob, "diary", "subscribed");

        AdHocCommand missing = commands.getRemoteCommand(service(), GET_PENDING);
        FillableForm again = missing.execute().asExecutingOrThrow().getFillableForm();
        again.setAnswer("pubsub#node", "no-such-node");
        assertThat(catchThrowableOfType(XMPPErrorException.class, () -> missing.execute(again)).getStanzaError()
                .getCondition().toString()).isEqualTo("item-not-found");
        assertThat(catchThrowableOfType(XMPPErrorException.class, () -> AdHocCommandManager.getInstance(
                bob.connection()).getRemoteCommand(service(), GET_PENDING).execute()).getStanzaError()
                .getCondition().toString()).isEqualTo("forbidden");
    }

    /** The subscription approval requests (§8.6) the client has received. */
    private static long requests(RecordingClient owner) {
        return owner.received().stream().filter(s -> s instanceof Message && s.toXML().toString()
                .contains(AUTHORIZATION)).count();
    }

    private static DataForm approval(String node, BareJid subscriber) {
        return DataForm.builder(DataForm.Type.submit).setFormType(AUTHORIZATION)
                .addField(org.jivesoftware.smackx.xdata.FormField.textSingleBuilder("pubsub#node").setValue(node).build())
                .addField(org.jivesoftware.smackx.xdata.FormField.textSingleBuilder("pubsub#subscriber_jid")
                        .setValue(subscriber).build())
                .addField(org.jivesoftware.smackx.xdata.FormField.booleanBuilder("pubsub#allow").setValue(true).build())
                .build();
    }

    @Test
    void subscriptionOptionsTurnDeliveryOffAndOn() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        LeafNode news = node(alice, "news", AccessModel.open);
        String bare = bob.jid().asBareJid().toString();
        String off = "<options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>"
                + PUBSUB + "#subscribe_options</value></field><field var='pubsub#deliver'><value>0</value></field></x>"
                + "</options>";
        // §6.3.7: subscribe and configure in one request.
        request(bob, IQ.Type.set, "<subscribe node='news' jid='" + bare + "'/>" + off);
        assertThat(request(bob, IQ.Type.get, "<options node='news' jid='" + bare + "'/>").toXML().toString())
                .matches("(?s).*var='pubsub#deliver'.*<value>0</value>.*");
        news.publish(item("quiet"));
        PingManager.getInstanceFor(alice.connection()).pingMyServer();
        PingManager.getInstanceFor(bob.connection()).pingMyServer();
        assertThat(bob.received()).noneMatch(s -> s.toXML().toString().contains("quiet"));

        request(bob, IQ.Type.set, "<options node='news' jid='" + bare + "'>" + off.replace("<value>0</value>",
                "<value>1</value>").replace("<options>", "").replace("</options>", "") + "</options>");
        news.publish(item("loud"));
        bob.await(s -> s instanceof Message && s.toXML().toString().contains("loud"));

        assertThat(refusal(bob, IQ.Type.set, "<options node='news' jid='" + bare + "'>" + off.replace("pubsub#deliver",
                "pubsub#digest").replace("<options>", "").replace("</options>", "") + "</options>"))
                .isEqualTo("bad-request/invalid-options");
        assertThat(refusal(alice, IQ.Type.get, "<options node='news' jid='" + alice.jid().asBareJid() + "'/>"))
                .isEqualTo("unexpected-request/not-subscribed");
    }

    @Test
    void subscribersWhoLoseAccessLoseTheirSubscriptionAndAreTold() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        RecordingClient carol = parley.login("carol", "desk");
        LeafNode club = node(alice, "club", AccessModel.open);
        club.modifyAffiliationAsOwner(List.of(new Affiliation(carol.jid().asBareJid(), Affiliation.Type.member)));
        for (RecordingClient subscriber : List.of(bob, carol)) {
            PubSubManager.getInstanceFor(subscriber.connection(), service()).getLeafNode("club")
                    .subscribe(subscriber.jid().asBareJid());
        }

        FillableConfigureForm whitelist = club.getNodeConfiguration().getFillableForm();
        whitelist.setAccessModel(AccessModel.whitelist);
        club.sendConfigurationForm(whitelist);
        subscriptionEvent(bob, "club", "none");
        assertThat(club.getSubscriptionsAsOwner()).extracting(Subscription::getJid)
                .containsExactly(carol.jid().asBareJid());

        club.modifyAffiliationAsOwner(List.of(new Affiliation(carol.jid().asBareJid(), Affiliation.Type.none)));
        subscriptionEvent(carol, "club", "none");
        assertThat(club.getSubscriptionsAsOwner()).isEmpty();
        club.publish(item("members only"));
        PingManager.getInstanceFor(carol.connection()).pingMyServer();
        assertThat(carol.received()).map(Stanza::toXML).noneMatch(x -> x.toString().contains("members only"));
    }
}
