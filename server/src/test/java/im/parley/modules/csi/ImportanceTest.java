package im.parley.modules.csi;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xml.XmlText;
import im.parley.xmpp.Stanza;
import org.junit.jupiter.api.Test;

/** What an inactive client's session holds (XEP-0352 §4) and under which key. */
class ImportanceTest {
    private static final Importance ALL = new Importance(new CsiConfig(true, true, 10));
    private static final String COMPOSING = "<composing xmlns='http://jabber.org/protocol/chatstates'/>";

    private static Stanza stanza(String xml) {
        return Stanza.of(XmlText.readOne(xml.replaceFirst(" ", " xmlns='jabber:client' ")));
    }

    private static Object key(String xml) {
        return ALL.holdKey(stanza(xml));
    }

    @Test
    void presenceUpdatesWaitTheNewestPerSenderFullJid() {
        Object first = key("<presence from='bob@example.org/desk'><status>one</status></presence>");
        assertThat(first).isNotNull()
                .isEqualTo(key("<presence from='bob@example.org/desk' type='unavailable'/>"))
                .isNotEqualTo(key("<presence from='bob@example.org/phone'/>"));
        for (String type : new String[] {"subscribe", "subscribed", "unsubscribe", "unsubscribed", "probe", "error"}) {
            assertThat(key("<presence from='bob@example.org' type='" + type + "'/>")).as(type).isNull();
        }
    }

    @Test
    void standaloneChatStatesWaitTheNewestPerConversation() {
        Object composing = key("<message from='bob@example.org/desk' to='alice@example.org/phone' type='chat'>"
                + COMPOSING + "<thread>t</thread><no-store xmlns='urn:xmpp:hints'/></message>");
        assertThat(composing).isNotNull().isEqualTo(key("<message from='bob@example.org/desk' to='alice@example.org/phone'>"
                + "<paused xmlns='http://jabber.org/protocol/chatstates'/></message>"));
        assertThat(key("<message from='carol@example.org/desk' to='alice@example.org/phone'>" + COMPOSING + "</message>"))
                .isNotNull().isNotEqualTo(composing);
    }

    @Test
    void aCarbonOfAChatStateWaitsAsTheChatStateItCarries() {
        Object copied = key("<message from='alice@example.org' to='alice@example.org/phone' type='chat'>"
                + "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                + "<message xmlns='jabber:client' from='bob@example.org/desk' to='alice@example.org/laptop' type='chat'>"
                + COMPOSING + "</message></forwarded></received></message>");
        assertThat(copied).isEqualTo(new Importance.ChatState("bob@example.org/desk", "alice@example.org/laptop"));
        assertThat(key("<message from='alice@example.org' to='alice@example.org/phone' type='chat'>"
                + "<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                + "<message xmlns='jabber:client' from='alice@example.org/laptop' to='bob@example.org/desk' type='chat'>"
                + "<body>hi</body>" + COMPOSING + "</message></forwarded></sent></message>")).isNull();
    }

    @Test
    void whatMattersGoesAtOnce() {
        String from = "<message from='bob@example.org/desk' to='alice@example.org/phone' type='chat'>";
        assertThat(key(from + "<body>hi</body>" + COMPOSING + "</message>")).isNull();
        assertThat(key(from + "<subject>topic</subject></message>")).isNull();
        assertThat(key(from + "<received xmlns='urn:xmpp:receipts' id='m1'/></message>")).isNull();
        assertThat(key(from + "<displayed xmlns='urn:xmpp:chat-markers:0' id='m1'/>" + COMPOSING + "</message>")).isNull();
        assertThat(key(from + "<encrypted xmlns='eu.siacs.conversations.axolotl'/>" + COMPOSING + "</message>")).isNull();
        assertThat(key("<message from='bob@example.org/desk' type='error'>" + COMPOSING + "</message>")).isNull();
        assertThat(key(from + "</message>")).isNull();
        assertThat(key("<iq from='bob@example.org/desk' type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>")).isNull();
    }

    @Test
    void whatTheConfigurationSaysNotToHoldGoesAtOnce() {
        Importance none = new Importance(new CsiConfig(false, false, 10));
        assertThat(none.holdKey(stanza("<presence from='bob@example.org/desk'/>"))).isNull();
        assertThat(none.holdKey(stanza("<message from='bob@example.org/desk'>" + COMPOSING + "</message>"))).isNull();
    }
}
