package im.parley.it.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.mam.element.MamFinIQ;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ.DefaultBehavior;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Message Archive Management (XEP-0313) with Smack's MamManager: both parties' archives, the
 * stanza-id on delivered messages (XEP-0359), paging in both directions, filters, preferences
 * (XEP-0441), hints (XEP-0334) and the extended queries.
 */
class MessageArchiveTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");
    @Login("alice/phone")
    RecordingClient alice;

    @Test
    void aThousandMessagesPageForwardsAndBackwardsEachOnceInOrderInBothArchives() throws Exception {
        RecordingClient bob = parley.login("bob", "laptop");
        List<String> sent = IntStream.range(0, 1000).mapToObj("m%04d"::formatted).toList();
        for (String body : sent) {
            alice.send(alice.chat(bob, body));
        }
        bob.awaitReceived(Message.class, sent.size());

        for (RecordingClient owner : List.of(alice, bob)) {
            Jid peer = owner == alice ? RecordingClient.jid("bob") : RecordingClient.jid("alice");
            assertThat(bodies(forwards(owner, peer, 97))).as("forwards").containsExactlyElementsOf(sent);
            assertThat(bodies(backwards(owner, peer, 97))).as("backwards").containsExactlyElementsOf(sent);
        }
        // archive.max-page-size (250 by default) caps what a query asks for; the page says it is not the last.
        MamQuery capped = mam(alice).queryArchive(MamQueryArgs.builder().setResultPageSize(1000).build());
        assertThat(bodies(capped.getMessages())).containsExactlyElementsOf(sent.subList(0, 250));
        assertThat(capped.isComplete()).isFalse();
    }

    @Test
    void theRecipientGetsTheIdOfItsArchiveEntryAndAForgedOneIsRemoved() throws Exception {
        RecordingClient bob = parley.login("bob", "laptop");
        Message forged = alice.connection().getStanzaFactory().buildMessageStanza().to(bob.jid()).setBody("hello")
                .addExtension(new StanzaIdElement("forged", "bob@localhost"))
                .addExtension(new OriginIdElement("origin-1"))
                .build();
        alice.send(forged);

        Message received = bob.awaitMessage();
        List<StanzaIdElement> ids = received.getExtensions(StanzaIdElement.class);
        assertThat(ids).singleElement().satisfies(id -> {
            assertThat(id.getBy()).isEqualTo("bob@localhost");
            assertThat(id.getId()).isNotEqualTo("forged");
        });
        assertThat(OriginIdElement.getOriginId(received).getId()).isEqualTo("origin-1");
        MamQuery bobs = mam(bob).queryArchive(MamQueryArgs.builder().build());
        assertThat(bobs.getMamResultExtensions()).extracting(MamResultExtension::getId)
                .containsExactly(ids.getFirst().getId());
        assertThat(bobs.isComplete()).isTrue();
        assertThat(bodies(mam(alice).queryArchive(MamQueryArgs.builder().build()).getMessages()))
                .containsExactly("hello");
    }

    /**
     * XEP-0359 §4: a stanza-id the sending client put on its message in its own account's name is
     * removed before the sent carbon is made and before the sender's archive keeps the message;
     * the sent carbon carries the sender's archive id instead (XEP-0313, "Communicating the
     * archive ID"), which the recipient never sees.
     */
    @Test
    void theSentCarbonCarriesTheSendersArchiveIdAndAForgedOneReachesNeitherItNorTheArchive() throws Exception {
        RecordingClient tablet = parley.login("alice", "tablet");
        CarbonManager.getInstanceFor(tablet.connection()).enableCarbons();
        RecordingClient bob = parley.login("bob", "laptop");
        alice.send(alice.connection().getStanzaFactory().buildMessageStanza().to(bob.jid()).setBody("claimed")
                .addExtension(new StanzaIdElement("claimed-id", "alice@localhost")).build());

        Message received = bob.awaitMessage();
        assertThat(received.getExtensions(StanzaIdElement.class)).extracting(StanzaIdElement::getBy)
                .containsExactly("bob@localhost");
        Message carbon = CarbonExtension.from(tablet.awaitMessage()).getForwarded().getForwardedStanza();
        assertThat(carbon.getBody()).isEqualTo("claimed");
        StanzaIdElement sentId = carbon.getExtensions(StanzaIdElement.class).getFirst();
        assertThat(carbon.getExtensions(StanzaIdElement.class)).hasSize(1);
        assertThat(sentId.getBy()).isEqualTo("alice@localhost");
        assertThat(sentId.getId()).isNotEqualTo("claimed-id");
        MamQuery alices = mam(alice).queryArchive(MamQueryArgs.builder().build());
        assertThat(alices.getMamResultExtensions()).extracting(MamResultExtension::getId).containsExactly(sentId.getId());
        assertThat(alices.getMessages()).singleElement().satisfies(archived -> {
            assertThat(archived.getBody()).isEqualTo("claimed");
            assertThat(archived.getExtensions(StanzaIdElement.class)).isEmpty();
        });
        // A message that bounces leaves no reservation behind (the bounce carries the id back, and
        // the report releases it): another device's query is not held until it lapses (10 s).
        alice.send(alice.chat(RecordingClient.jid("nobody"), "to nobody"));
        alice.awaitMessage(message -> message.getType() == Message.Type.error);
        long start = System.nanoTime();
        assertThat(bodies(mam(tablet).queryArchive(MamQueryArgs.builder().build()).getMessages())).containsExactly("claimed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    /** A message stamped for bob's archive that bounces goes back to alice without bob's archive id. */
    @Test
    @ServerConfig("offline:\n  max-messages-per-user: 1\n")
    void aBounceCarriesNoIdOfTheRecipientsArchive() throws Exception {
        alice.send(alice.chat("bob@localhost", "kept"));
        alice.send(alice.chat("bob@localhost", "bounced"));

        Message error = alice.awaitMessage();
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getBody()).isEqualTo("bounced");
        assertThat(error.getExtensions(StanzaIdElement.class)).isEmpty();
        RecordingClient bob = parley.login("bob", "laptop");
        bob.awaitMessage();
        assertThat(bodies(mam(bob).queryArchive(MamQueryArgs.builder().build()).getMessages())).containsExactly("kept");
    }

    @Test
    void aRecipientsQueryRightAfterReceivingSeesTheMessage() throws Exception {
        RecordingClient bob = parley.login("bob", "laptop");
        MamManager bobs = mam(bob);
        for (int i = 0; i < 50; i++) {
            String body = "r" + i;
            alice.send(alice.chat(bob, body));
            // The router reports the delivery (which queues the write) after the message is on its
            // way to bob: the query must still see it.
            bob.awaitMessage(m -> body.equals(m.getBody()));
            MamQuery last = bobs.queryArchive(MamQueryArgs.builder().setResultPageSizeTo(1).queryLastPage().build());
            assertThat(bodies(last.getMessages())).as("query %d", i).containsExactly(body);
        }
    }

    @Test
    void theLastPageOfOneHoldsTheLastMessageOfAConversation() throws Exception {
        RecordingClient bob = parley.login("bob", "laptop");
        alice.send(alice.connection().getStanzaFactory().buildMessageStanza().to(RecordingClient.jid("bob"))
                .setBody("normal").build());
        bob.awaitMessage();
        MamQuery last = mam(bob).queryArchive(MamQueryArgs.builder().setResultPageSizeTo(1)
                .limitResultsToJid(RecordingClient.jid("alice")).queryLastPage().build());
        assertThat(last.getMessages()).singleElement().satisfies(m -> {
            assertThat(m.getBody()).isEqualTo("normal");
            assertThat((Object) m.getFrom()).isEqualTo(alice.jid());
        });
    }

    @Test
    void anOfflineRecipientsArchiveHasTheMessageAndTheStoredMessageCarriesItsId() throws Exception {
        alice.send(alice.chat("bob@localhost", "while you were out"));
        PingManager.getInstanceFor(alice.connection()).pingMyServer(true);

        RecordingClient bob = parley.login("bob", "laptop");
        Message offline = bob.awaitMessage();
        MamQuery bobs = mam(bob).queryArchive(MamQueryArgs.builder().build());
        assertThat(bodies(bobs.getMessages())).containsExactly("while you were out");
        assertThat(bobs.getMamResultExtensions().getFirst().getId())
                .isEqualTo(StanzaIdElement.getStanzaId(offline).getId());
    }

    @Test
    void aSendersQueryRightAfterSendingSeesEveryMessage() throws Exception {
        List<String> sent = IntStream.range(0, 200).mapToObj("q%03d"::formatted).toList();
        for (String body : sent) {
            alice.send(alice.chat("bob@localhost", body));
        }
        // No round trip in between: the query must wait for the archive's queued writes itself.
        assertThat(bodies(forwards(alice, null, 250))).containsExactlyElementsOf(sent);
    }

    @Test
    void deletingTheAccountDeletesItsArchiveAndItsPreferences() throws Exception {
        RecordingClient bob = parley.login("bob", "laptop");
        setDefault(bob, "roster");
        alice.send(alice.chat("bob@localhost", "for the old bob"));
        bob.awaitMessage();
        // Its archive write may still be queued when the account goes.
        parley.server().server().accounts().delete(parley.server().user("bob"));
        parley.createUsers("bob");

        RecordingClient newBob = parley.login("bob", "desk");
        assertThat(forwards(newBob, null, 10)).isEmpty();
        assertThat(mam(newBob).retrieveArchivingPreferences().mamPrefs.getDefault()).isEqualTo(DefaultBehavior.always);
        assertThat(bodies(forwards(alice, null, 10))).containsExactly("for the old bob");
    }

    @Test
    void withFiltersByBareJidOrExactlyByFullJid() throws Exception {
        RecordingClient carol = parley.login("carol", "desk");
        alice.send(alice.chat("bob@localhost", "to bob"));
        alice.send(alice.chat(carol, "to carol"));
        carol.awaitMessage();
        carol.send(carol.chat(alice, "from carol"));
        alice.awaitMessage();

        assertThat(bodies(forwards(alice, RecordingClient.jid("carol"), 10))).containsExactly("to carol", "from carol");
        assertThat(bodies(forwards(alice, RecordingClient.jid("bob"), 10))).containsExactly("to bob");
        assertThat(bodies(forwards(carol, JidCreate.from("alice@localhost/phone"), 10)))
                .containsExactly("to carol", "from carol");
        assertThat(forwards(carol, JidCreate.from("alice@localhost/tablet"), 10)).isEmpty();
    }

    @Test
    void preferencesNeverAndRosterAreRespected() throws Exception {
        RecordingClient bob = parley.login("bob", "laptop");
        RecordingClient carol = parley.login("carol", "desk");
        assertThat(setDefault(bob, "never").getDefault()).isEqualTo(DefaultBehavior.never);
        alice.send(alice.chat(bob, "not kept by bob"));
        assertThat(StanzaIdElement.hasStanzaId(bob.awaitMessage())).isFalse();
        assertThat(forwards(bob, null, 10)).isEmpty();
        assertThat(bodies(forwards(alice, null, 10))).containsExactly("not kept by bob");

        assertThat(setDefault(bob, "roster").getDefault()).isEqualTo(DefaultBehavior.roster);
        bob.roster().createItem(RecordingClient.jid("alice"), "Alice", null);
        alice.send(alice.chat(bob, "from a contact"));
        carol.send(carol.chat(bob, "from a stranger"));
        bob.awaitReceived(Message.class, 3);
        assertThat(bodies(forwards(bob, null, 10))).containsExactly("from a contact");
        assertThat(mam(bob).retrieveArchivingPreferences().mamPrefs.getDefault()).isEqualTo(DefaultBehavior.roster);
    }

    @Test
    void hintsDecideAndContentWithoutABodyIsKeptOnlyWhenItIsConversation() throws Exception {
        RecordingClient bob = parley.login("bob", "laptop");
        alice.send(withChild(alice.chat(bob, "secret"), "no-store", "urn:xmpp:hints"));
        alice.send(withChild(alice.chat(bob, "off the record"), "no-permanent-store", "urn:xmpp:hints"));
        alice.send(withChild(alice.connection().getStanzaFactory().buildMessageStanza().to(bob.jid())
                .ofType(Message.Type.chat).build(), "composing", "http://jabber.org/protocol/chatstates"));
        Message receipt = withChild(alice.connection().getStanzaFactory().buildMessageStanza().to(bob.jid())
                .ofType(Message.Type.chat).build(), "received", "urn:xmpp:receipts");
        alice.send(receipt);
        alice.send(withChild(alice.connection().getStanzaFactory().buildMessageStanza().to(bob.jid())
                .ofType(Message.Type.chat).build(), "store", "urn:xmpp:hints"));
        Message retraction = alice.connection().getStanzaFactory().buildMessageStanza().to(bob.jid())
                .ofType(Message.Type.chat).build();
        retraction.addExtension(StandardExtensionElement.builder("retract", "urn:xmpp:message-retract:1")
                .addAttribute("id", "earlier").build());
        alice.send(retraction);
        bob.awaitReceived(Message.class, 6);

        List<Message> kept = forwards(bob, null, 10);
        assertThat(kept).hasSize(3);
        assertThat(kept.get(0).hasExtension("received", "urn:xmpp:receipts")).isTrue();
        assertThat(kept.get(1).hasExtension("store", "urn:xmpp:hints")).isTrue();
        assertThat(kept.get(2).hasExtension("retract", "urn:xmpp:message-retract:1")).isTrue();
        assertThat(forwards(alice, null, 10)).hasSize(3);
    }

    @Test
    void extendedQueriesAndErrors() throws Exception {
        RecordingClient bob = parley.login("bob", "laptop");
        for (int i = 0; i < 5; i++) {
            alice.send(alice.chat(bob, "e" + i));
        }
        bob.awaitReceived(Message.class, 5);
        List<String> ids = mam(alice).queryArchive(MamQueryArgs.builder().build()).getMamResultExtensions().stream()
                .map(MamResultExtension::getId).toList();
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();

        MamFinIQ between = queryForm(alice, "<field var='after-id'><value>" + ids.get(0) + "</value></field>"
                + "<field var='before-id'><value>" + ids.get(3) + "</value></field>");
        assertThat(List.of(between.getRSMSet().getFirst(), between.getRSMSet().getLast(), between.getRSMSet().getCount()))
                .containsExactly(ids.get(1), ids.get(2), 2);
        assertThat(between.isComplete()).isTrue();
        MamFinIQ chosen = queryForm(alice, "<field var='ids'><value>" + ids.get(4) + "</value><value>" + ids.get(1)
                + "</value></field>");
        assertThat(List.of(chosen.getRSMSet().getFirst(), chosen.getRSMSet().getLast(), chosen.getRSMSet().getCount()))
                .containsExactly(ids.get(1), ids.get(4), 2);
        assertThat(bodies(mam(alice).queryArchive(MamQueryArgs.builder().afterUid(ids.get(2)).build()).getMessages()))
                .containsExactly("e3", "e4");
        // Only a result set's first page (and an empty one) is counted: walking an archive stays linear.
        assertThat(pageAfter(alice, ids.get(2)).getRSMSet().getCount()).isEqualTo(-1);
        assertThat(pageAfter(alice, ids.get(4)).getRSMSet().getCount()).isEqualTo(5);
        // A flipped page holds the same results, sent newest first (XEP-0313 §4.3.3).
        MamFinIQ flipped = alice.connection().sendIqRequestAndWaitForResponse(new RawIq(IQ.Type.set, null, "query",
                "urn:xmpp:mam:2", "<set xmlns='http://jabber.org/protocol/rsm'><max>3</max><before/></set><flip-page/>")
                .attribute("queryid", "flipped"));
        assertThat(List.of(flipped.getRSMSet().getFirst(), flipped.getRSMSet().getLast()))
                .containsExactly(ids.get(2), ids.get(4));
        assertThat(await().until(() -> resultIds(alice, "flipped"), received -> received.size() == 3))
                .containsExactly(ids.get(4), ids.get(3), ids.get(2));

        assertError(() -> mam(alice).queryArchive(MamQueryArgs.builder().afterUid("unknown").build()),
                StanzaError.Condition.item_not_found);
        assertError(() -> queryForm(alice, "<field var='ids'><value>unknown</value></field>"),
                StanzaError.Condition.item_not_found);
        assertError(() -> queryForm(alice, "<field var='full-text'><value>e</value></field>"),
                StanzaError.Condition.feature_not_implemented);
        assertError(() -> queryForm(alice, "<field var='start'><value>yesterday</value></field>"),
                StanzaError.Condition.bad_request);
        assertError(() -> alice.connection().sendIqRequestAndWaitForResponse(
                new RawIq(IQ.Type.set, RecordingClient.jid("bob"), "query", "urn:xmpp:mam:2", "")),
                StanzaError.Condition.forbidden);

        assertThat(mam(alice).retrieveFormFields()).extracting(f -> f.getFieldName())
                .contains("with", "start", "end", "before-id", "after-id", "ids");
        String metadata = ((UnparsedIQ) alice.connection().sendIqRequestAndWaitForResponse(
                new RawIq(IQ.Type.get, null, "metadata", "urn:xmpp:mam:2", ""))).getContent().toString();
        assertThat(metadata).contains("<start id='" + ids.getFirst() + "'", "<end id='" + ids.getLast() + "'");
        assertThat(ServiceDiscoveryManager.getInstanceFor(alice.connection())
                .discoverInfo(RecordingClient.jid("alice")).getFeatures()).extracting(f -> f.getVar())
                .contains("urn:xmpp:mam:2", "urn:xmpp:mam:2#extended", "urn:xmpp:sid:0", "urn:xmpp:message-retract:1",
                        "urn:xmpp:message-retract:1#tombstone");
    }

    /**
     * XEP-0424 §5: a retraction makes the retracted message a tombstone in both archives (its
     * place, id and delay stay; its body goes); the retraction itself is archived. Only its author
     * retracts a message: bob's retraction of alice's message changes nothing.
     */
    @Test
    void aRetractionLeavesATombstoneInBothArchivesAndOnlyTheAuthorCanRetract() throws Exception {
        RecordingClient bob = parley.login("bob", "laptop");
        alice.send(withId(alice.chat(bob, "wrong recipient"), "wrong-1"));
        alice.send(withId(alice.chat(bob, "kept"), "kept-1"));
        alice.send(retraction(alice, bob, "wrong-1", "retract-1"));
        bob.awaitReceived(Message.class, 3);
        bob.send(retraction(bob, alice, "kept-1", "forged-retract"));
        alice.awaitReceived(Message.class, 1);

        for (RecordingClient owner : List.of(alice, bob)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<Message> archived = forwards(owner, null, 10);
                assertThat(archived).extracting(Message::getStanzaId)
                        .containsExactly("wrong-1", "kept-1", "retract-1", "forged-retract");
                Message tombstone = archived.getFirst();
                assertThat(tombstone.getBody()).isNull();
                StandardExtensionElement retracted = (StandardExtensionElement) tombstone.getExtensionElement(
                        "retracted", "urn:xmpp:message-retract:1");
                assertThat(retracted).isNotNull();
                assertThat(retracted.getAttributeValue("id")).isEqualTo("retract-1");
                assertThat(retracted.getAttributeValue("stamp")).isNotNull();
                assertThat(archived.get(1).getBody()).isEqualTo("kept");
            });
        }
    }

    private static Message withId(Message message, String id) {
        message.setStanzaId(id);
        return message;
    }

    private static Message retraction(RecordingClient from, RecordingClient to, String retracted, String id) {
        Message retraction = from.connection().getStanzaFactory().buildMessageStanza().to(to.jid()).ofType(Message.Type.chat)
                .setBody("/me retracted a previous message, but it's unsupported by your client.").build();
        retraction.setStanzaId(id);
        retraction.addExtension(StandardExtensionElement.builder("retract", "urn:xmpp:message-retract:1")
                .addAttribute("id", retracted).build());
        return retraction;
    }

    /** The client's archive manager, once it has seen the archive's features (as Smack expects before a query). */
    private static MamManager mam(RecordingClient client) throws Exception {
        MamManager manager = MamManager.getInstanceFor(client.connection());
        assertThat(manager.isSupported()).isTrue();
        return manager;
    }

    /** The whole archive (or what was exchanged with {@code with}) in pages from the start, checking 'complete'. */
    private static List<Message> forwards(RecordingClient client, Jid with, int pageSize) throws Exception {
        MamQuery query = mam(client).queryArchive(MamQueryArgs.builder().limitResultsToJid(with)
                .setResultPageSizeTo(pageSize).build());
        List<Message> all = new ArrayList<>(query.getMessages());
        while (!query.isComplete()) {
            List<Message> page = query.pageNext(pageSize);
            assertThat(page).isNotEmpty().hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(page);
        }
        return all;
    }

    /** The same, paging backwards from the last page: returned in archive order. */
    private static List<Message> backwards(RecordingClient client, Jid with, int pageSize) throws Exception {
        MamQuery query = mam(client).queryArchive(MamQueryArgs.builder().limitResultsToJid(with)
                .setResultPageSizeTo(pageSize).queryLastPage().build());
        List<List<Message>> pages = new ArrayList<>(List.of(query.getMessages()));
        while (!query.isComplete()) {
            List<Message> page = query.pagePrevious(pageSize);
            assertThat(page).isNotEmpty().hasSizeLessThanOrEqualTo(pageSize);
            pages.add(page);
        }
        return pages.reversed().stream().flatMap(List::stream).toList();
    }

    /** A query with raw form fields; its {@code <fin/>}. */
    private static MamFinIQ queryForm(RecordingClient client, String fields) throws Exception {
        String x = "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2"
                + "</value></field>" + fields + "</x>";
        return client.connection().sendIqRequestAndWaitForResponse(
                new RawIq(IQ.Type.set, null, "query", "urn:xmpp:mam:2", x));
    }

    /**
     * Sets the default preference with a raw request: Smack 4.5.0-beta5's setDefaultBehavior reads
     * the MAM version from the IQ's own namespace (jabber:client) and throws before it sends.
     */
    private static MamPrefsIQ setDefault(RecordingClient client, String preference) throws Exception {
        return client.connection().sendIqRequestAndWaitForResponse(new RawIq(IQ.Type.set, null, "prefs", "urn:xmpp:mam:2",
                "<always/><never/>").attribute("default", preference));
    }

    private static void assertError(ThrowingCallable call, StanzaError.Condition condition) {
        assertThatThrownBy(call::call).isInstanceOfSatisfying(XMPPErrorException.class,
                e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(condition));
    }

    /** The fin of a query for the page after an id (RSM 'after'). */
    private static MamFinIQ pageAfter(RecordingClient client, String id) throws Exception {
        return client.connection().sendIqRequestAndWaitForResponse(new RawIq(IQ.Type.set, null, "query",
                "urn:xmpp:mam:2", "<set xmlns='http://jabber.org/protocol/rsm'><after>" + id + "</after></set>"));
    }

    @FunctionalInterface
    private interface ThrowingCallable {
        Object call() throws Exception;
    }

    private static Message withChild(Message message, String name, String namespace) {
        message.addExtension(StandardExtensionElement.builder(name, namespace).build());
        return message;
    }

    /** The archive ids of the results the client received for a query. */
    private static List<String> resultIds(RecordingClient client, String queryId) {
        return client.received(Message.class).stream().map(MamResultExtension::from)
                .filter(result -> result != null && queryId.equals(result.getQueryId()))
                .map(MamResultExtension::getId).toList();
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::getBody).toList();
    }
}
