package im.parley.it.muc;

import static im.parley.it.muc.Rooms.created;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The service's room list (XEP-0045 §6.3) in pages (XEP-0059), by room JID, with Smack. Smack's
 * disco#items parser drops the answer's {@code <set/>}, so the answers are read unparsed.
 */
class RoomListTest {
    private static final String ITEMS = "http://jabber.org/protocol/disco#items";
    private static final Pattern ROOM = Pattern.compile("jid='([a-z]+)@conference\\.localhost'");

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice");

    /** The answer's XML to a disco#items request with this {@code <set/>}. */
    private static String page(RecordingClient client, String set) throws Exception {
        IqProvider<IQ> parser = ProviderManager.getIQProvider("query", ITEMS);
        ProviderManager.removeIQProvider("query", ITEMS);
        try {
            IQ answer = client.connection().sendIqRequestAndWaitForResponse(new RawIq(IQ.Type.get,
                    JidCreate.domainBareFrom("conference.localhost"), "query", ITEMS,
                    "<set xmlns='http://jabber.org/protocol/rsm'>" + set + "</set>"));
            return ((UnparsedIQ) answer).getContent().toString();
        } finally {
            ProviderManager.addIQProvider("query", ITEMS, parser);
        }
    }

    private static List<String> rooms(String answer) {
        Matcher m = ROOM.matcher(answer.replaceAll("<(first|last)[^<]*</\\1>", ""));
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void theRoomListIsPagedForwardsAndBackwardsWithItsCount() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        for (String room : List.of("e", "a", "g", "c", "b", "f", "d")) {
            created(alice, room);
        }

        String first = page(alice, "<max>3</max>");
        assertThat(rooms(first)).containsExactly("a", "b", "c");
        assertThat(first).contains("<first index='0'>a@conference.localhost</first>",
                "<last>c@conference.localhost</last>", "<count>7</count>");
        assertThat(rooms(page(alice, "<after>c@conference.localhost</after>"))).containsExactly("d", "e", "f", "g");
        assertThat(rooms(page(alice, "<max>3</max><after>d@conference.localhost</after>"))).containsExactly("e", "f", "g");
        String previous = page(alice, "<max>2</max><before>e@conference.localhost</before>");
        assertThat(rooms(previous)).containsExactly("c", "d");
        assertThat(previous).contains("<first index='2'>c@conference.localhost</first>");
        assertThat(rooms(page(alice, "<max>2</max><before/>"))).containsExactly("f", "g");
        String counted = page(alice, "<max>0</max>");
        assertThat(rooms(counted)).isEmpty();
        assertThat(counted).contains("<count>7</count>");
    }
}
