package im.parley.modules.push;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The notification of XEP-0357 §6 and which messages are worth one. */
class PublisherTest {
    private static final Stanza MESSAGE = message("<body>Wherefore art thou, Romeo?</body>");

    private static Stanza message(String children) {
        return Stanza.of(XmlText.readOne("<message xmlns='jabber:client' from='juliet@capulet.example/balcony'"
                + " to='romeo@montague.example' type='chat'>" + children + "</message>"));
    }

    private static PushConfig config(boolean sender, boolean body) {
        return new PushConfig(sender, body, 20, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1), 5);
    }

    @Test
    void aPushPublishesTheSummaryToTheNodeWithThePublishOptions() {
        Registration registration = new Registration(Jid.parse("romeo@montague.example"), Jid.parse("push.example"),
                "yxs32", XmlText.readOne("<x xmlns='jabber:x:data' type='submit'><field var='secret'><value>s</value></field></x>"));
        Stanza push = Publisher.publishIq(registration, Publisher.summary(MESSAGE, 3, config(true, false)));

        assertThat(push.from()).isEqualTo(Jid.parse("montague.example"));
        assertThat(push.to()).isEqualTo(Jid.parse("push.example"));
        String xml = XmlText.write(push.element());
        assertThat(xml).contains("<publish node=\"yxs32\"><item><notification xmlns=\"urn:xmpp:push:0\">",
                "<value>urn:xmpp:push:summary</value>", "<field var=\"message-count\"><value>3</value>",
                "<field var=\"last-message-sender\"><value>juliet@capulet.example/balcony</value>",
                "<publish-options><x xmlns=\"jabber:x:data\"")
                .doesNotContain("Wherefore", "last-message-body");
    }

    @Test
    void theSenderAndBodyGoOnlyWhereConfigured() {
        assertThat(XmlText.write(Publisher.summary(MESSAGE, 1, config(false, true))))
                .contains("<value>Wherefore art thou, Romeo?</value>").doesNotContain("last-message-sender");
    }

    @Test
    void messagesWithABodyOrAnEncryptedPayloadAreNotified() {
        assertThat(PushModule.notifies(MESSAGE)).isTrue();
        assertThat(PushModule.notifies(message("<encrypted xmlns='eu.siacs.conversations.axolotl'/>"))).isTrue();
        assertThat(PushModule.notifies(message("<openpgp xmlns='urn:xmpp:openpgp:0'>x</openpgp>"))).isTrue();
        assertThat(PushModule.notifies(message("<composing xmlns='http://jabber.org/protocol/chatstates'/>"))).isFalse();
        assertThat(PushModule.notifies(message("<received xmlns='urn:xmpp:receipts' id='1'/>"))).isFalse();
        assertThat(PushModule.notifies(Stanza.of(MESSAGE.element().withAttribute("type", "groupchat")))).isFalse();
        assertThat(PushModule.notifies(Stanza.of(MESSAGE.element().withAttribute("type", "error")))).isFalse();
        assertThat(PushModule.notifies(Stanza.of(MESSAGE.element().withAttribute("type", "headline")))).isFalse();
    }
}
