package im.parley.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.xml.Element;
import im.parley.xml.XmlText;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DelayedDeliveryTest {
    private static final Stanza MESSAGE = Stanza.of(Element.builder("message", Namespaces.STANZA)
            .attribute("from", "romeo@example.net/orchard").attribute("to", "juliet@example.net")
            .attribute("type", "chat").attribute("id", "m1")
            .child(Element.builder("body", Namespaces.STANZA).text("<3 & \"quotes\" 🌹").build())
            .child(Element.builder("x", "urn:example:other").attribute("a", "1").build())
            .build());

    @Test
    void theStampIsXep0082UtcWithMillisecondsFromTheServer() {
        Stanza stamped = DelayedDelivery.stamp(MESSAGE, "example.net", Instant.parse("2002-09-10T23:08:25.1Z"),
                "Offline Storage");
        Element delay = stamped.element().child("delay", Namespaces.DELAY);
        assertThat(delay.attribute("stamp")).isEqualTo("2002-09-10T23:08:25.100Z");
        assertThat(delay.attribute("from")).isEqualTo("example.net");
        assertThat(stamped.element().childText("body")).isEqualTo("<3 & \"quotes\" 🌹");
    }

    @Test
    void theServersFirstStampStays() {
        Stanza first = DelayedDelivery.stamp(MESSAGE, "example.net", Instant.EPOCH, "Resent");
        Stanza again = DelayedDelivery.stamp(first, "example.net", Instant.now(), "Offline Storage");
        assertThat(again).isSameAs(first);
    }

    @Test
    void aStoredStanzaReadsBackEqual() {
        Stanza stamped = DelayedDelivery.stamp(MESSAGE, "example.net", Instant.EPOCH, "Offline Storage");
        Stanza read = Stanza.of(XmlText.readOne(XmlText.write(stamped.element())));
        assertThat(read.element()).isEqualTo(stamped.element());
        assertThat(read.to()).isEqualTo(MESSAGE.to());
        assertThat(read.from()).isEqualTo(MESSAGE.from());
    }

    @Test
    void aDamagedRowIsRefused() {
        assertThatThrownBy(() -> XmlText.readOne("<message xmlns='jabber:client'><body>cut"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
