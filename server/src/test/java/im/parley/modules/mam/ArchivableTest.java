package im.parley.modules.mam;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import org.junit.jupiter.api.Test;

class ArchivableTest {
    private static final Element BODY = Element.builder("body", Namespaces.STANZA).text("hi").build();
    private static final String MARKERS = "urn:xmpp:chat-markers:0";

    @Test
    void chatAndNormalMessagesWithABodyAreArchivedOtherTypesNot() {
        assertThat(Archivable.isArchivable(message(null, BODY))).isTrue();
        assertThat(Archivable.isArchivable(message("chat", BODY))).isTrue();
        assertThat(Archivable.isArchivable(message("normal", BODY))).isTrue();
        for (String type : new String[] {"headline", "groupchat", "error"}) {
            assertThat(Archivable.isArchivable(message(type, BODY))).as(type).isFalse();
        }
    }

    @Test
    void markersReceiptsAndEncryptedContentAreConversationButRequestsAreNot() {
        assertThat(Archivable.isArchivable(message("chat", Element.of("displayed", MARKERS)))).isTrue();
        assertThat(Archivable.isArchivable(message("chat", Element.of("received", "urn:xmpp:receipts")))).isTrue();
        assertThat(Archivable.isArchivable(message("chat", Element.of("encrypted", "eu.siacs.conversations.axolotl"))))
                .isTrue();
        assertThat(Archivable.isArchivable(message("chat", Element.of("markable", MARKERS)))).isFalse();
        assertThat(Archivable.isArchivable(message("chat", Element.of("request", "urn:xmpp:receipts")))).isFalse();
        assertThat(Archivable.isArchivable(message("chat", Element.of("composing", "http://jabber.org/protocol/chatstates"))))
                .isFalse();
    }

    @Test
    void hintsOverrideTheContent() {
        assertThat(Archivable.isArchivable(message("chat", BODY, Element.of("no-store", Archivable.HINTS)))).isFalse();
        assertThat(Archivable.isArchivable(message("chat", BODY, Element.of("no-permanent-store", Archivable.HINTS))))
                .isFalse();
        assertThat(Archivable.isArchivable(message("chat", Element.of("store", Archivable.HINTS)))).isTrue();
    }

    private static Stanza message(String type, Element... children) {
        Element.Builder message = Element.builder("message", Namespaces.STANZA).attribute("type", type)
                .attribute("from", "romeo@example.net/orchard").attribute("to", "juliet@example.com");
        for (Element child : children) {
            message.child(child);
        }
        return Stanza.of(message.build());
    }
}
