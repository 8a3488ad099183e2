package im.parley.it.pep;

import static im.parley.it.pep.Pep.condition;
import static im.parley.it.pep.Pep.items;
import static im.parley.it.pep.Pep.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0163 §3's auto-create: the publish that finds no node creates it, and only a publish that
 * succeeds does (a refused one leaves no empty node behind); two first publishes at once both
 * publish, to the one node the first made.
 */
class FirstPublishTest {
    private static final int NODES = 20;
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice");

    @Test
    void aRefusedFirstPublishCreatesNoNode() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        BareJid owner = JidCreate.bareFrom("alice@" + parley.server().domain());
        XMPPErrorException unknown = catchThrowableOfType(XMPPErrorException.class,
                () -> publish(alice, "urn:test:unknown", "1", "x", "pubsub#no_such_option", "1"));
        assertThat(condition(unknown)).isEqualTo("conflict/precondition-not-met");
        XMPPErrorException empty = catchThrowableOfType(XMPPErrorException.class, () -> alice.request(
                new RawIq(IQ.Type.set, null, "pubsub", Pep.PUBSUB,
                        "<publish node='urn:test:empty'><item id='1'/></publish>")));
        assertThat(condition(empty)).isEqualTo("bad-request/payload-required");

        for (String node : List.of("urn:test:unknown", "urn:test:empty")) {
            XMPPErrorException missing = catchThrowableOfType(XMPPErrorException.class,
                    () -> items(alice, owner, node, "", ""));
            assertThat(condition(missing)).as(node).isEqualTo("item-not-found");
        }
        publish(alice, "urn:test:unknown", "1", "x");
        assertThat(items(alice, owner, "urn:test:unknown", "", "").toXML().toString()).contains("<item id='1'");
    }

    @Test
    void twoFirstPublishesAtOnceBothPublish() throws Exception {
        RecordingClient desk = parley.login("alice", "desk");
        RecordingClient phone = parley.login("alice", "phone");
        BareJid owner = desk.jid().asBareJid();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<IQ>> answers = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                String node = "urn:test:race" + i;
                answers.add(threads.submit(() -> publish(desk, node, "d", "from the desk", "pubsub#max_items", "max")));
                answers.add(threads.submit((Callable<IQ>) () -> publish(phone, node, "p", "from the phone", "pubsub#max_items", "max")));
            }
            for (Future<IQ> answer : answers) {
                assertThat(answer.get().getType()).isEqualTo(IQ.Type.result);
            }
        } finally {
            threads.shutdown();
        }
        for (int i = 0; i < NODES; i++) {
            assertThat(items(desk, owner, "urn:test:race" + i, "", "").toXML().toString())
                    .contains("<item id='d'").contains("<item id='p'");
        }
    }
}
