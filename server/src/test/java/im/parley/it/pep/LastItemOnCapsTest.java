package im.parley.it.pep;

import static im.parley.it.pep.Pep.publish;
import static im.parley.it.roster.SubscriptionTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0163 §6.2 when an item is published before the server has a subscriber's new caps (what
 * Smack's MoodIntegrationTest does: it publishes once its own client changed its caps, and the
 * presence that carries them can come second): the node's last item goes to each resource once its
 * caps, asking for {@code node+notify}, are verified, also to resources that advertised the same new
 * caps while the server was still asking another one about them.
 */
class LastItemOnCapsTest {
    private static final String NODE = "http://jabber.org/protocol/mood";
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob");

    @Test
    void theLastItemFollowsCapsThatArriveAfterThePublish() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient desk = parley.login("bob", "desk");
        RecordingClient phone = parley.login("bob", "phone");
        subscribe(desk, "bob", alice, "alice");
        BareJid owner = JidCreate.bareFrom("alice@" + parley.server().domain());
        CountDownLatch answer = new CountDownLatch(1);
        List<DiscoverInfo> queries = new CopyOnWriteArrayList<>();
        holdCapsQueries(desk, queries, answer);
        holdCapsQueries(phone, queries, new CountDownLatch(0));

        publish(alice, NODE, "m1", "satisfied");
        Pep.notify(desk, NODE);
        Pep.until(() -> queries.size() == 1);
        String ver = EntityCapsManager.getInstanceFor(desk.connection()).getLocalNodeVer();
        assertThat(queries.getFirst().getNode()).isEqualTo(ver);

        // The phone advertises the same new caps while the server waits for the desk's answer.
        Pep.notify(phone, NODE);
        Pep.until(() -> ver.equals(EntityCapsManager.getInstanceFor(phone.connection()).getLocalNodeVer()));
        PingManager.getInstanceFor(phone.connection()).pingMyServer();
        assertThat(Pep.receivedItem(desk, owner, NODE, "m1")).isFalse();
        answer.countDown();

        Pep.until(() -> Pep.receivedItem(desk, owner, NODE, "m1"));
        Pep.until(() -> Pep.receivedItem(phone, owner, NODE, "m1"));
        assertThat(queries).as("one query per verification string").hasSize(1);
    }

    /**
     * Answers the server's disco#info queries about caps other than those the client has now (recorded)
     * once {@code answer} opens, with Smack's own handler.
     */
    private static void holdCapsQueries(RecordingClient client, List<DiscoverInfo> queries, CountDownLatch answer) {
        String initial = EntityCapsManager.getInstanceFor(client.connection()).getLocalNodeVer();
        IQRequestHandler[] smacks = new IQRequestHandler[1];
        smacks[0] = client.connection().registerIQRequestHandler(new AbstractIqRequestHandler(DiscoverInfo.ELEMENT,
                DiscoverInfo.NAMESPACE, IQ.Type.get, IQRequestHandler.Mode.async) {
            @Override
            public IQ handleIQRequest(IQ request) {
                if (request.getFrom().isDomainBareJid() && !initial.equals(((DiscoverInfo) request).getNode())) {
                    queries.add((DiscoverInfo) request);
                    try {
                        assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return smacks[0].handleIQRequest(request);
            }
        });
    }
}
