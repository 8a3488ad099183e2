package im.parley.modules.offline;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import org.junit.jupiter.api.Test;

class OfflinePolicyTest {
    @Test
    void aMessageWithABodyIsStored() {
        assertThat(OfflinePolicy.of(message(Element.builder("body", Namespaces.STANZA).text("hi").build())))
                .isEqualTo(OfflinePolicy.STORE);
    }

    @Test
    void aStandaloneChatStateIsDiscarded() {
        assertThat(OfflinePolicy.of(message(Element.of("composing", OfflinePolicy.CHAT_STATES),
                Element.builder("thread", Namespaces.STANZA).text("t1").build())))
                .isEqualTo(OfflinePolicy.DISCARD);
    }

    @Test
    void aReceiptIsStoredButABareReceiptRequestIsNot() {
        assertThat(OfflinePolicy.of(message(Element.builder("received", OfflinePolicy.RECEIPTS)
                .attribute("id", "m1").build()))).isEqualTo(OfflinePolicy.STORE);
        assertThat(OfflinePolicy.of(message(Element.of("request", OfflinePolicy.RECEIPTS))))
                .isEqualTo(OfflinePolicy.DISCARD);
    }

    @Test
    void hintsOverrideTheContentRule() {
        assertThat(OfflinePolicy.of(message(Element.builder("body", Namespaces.STANZA).text("secret").build(),
                Element.of("no-store", OfflinePolicy.HINTS)))).isEqualTo(OfflinePolicy.REFUSE);
        assertThat(OfflinePolicy.of(message(Element.of("active", OfflinePolicy.CHAT_STATES),
                Element.of("store", OfflinePolicy.HINTS)))).isEqualTo(OfflinePolicy.STORE);
    }

    private static Stanza message(Element... children) {
        Element.Builder b = Element.builder("message", Namespaces.STANZA)
                .attribute("from", "romeo@example.net/orchard").attribute("to", "juliet@example.net")
                .attribute("type", "chat");
        for (Element child : children) {
            b.child(child);
        }
        return Stanza.of(b.build());
    }
}
