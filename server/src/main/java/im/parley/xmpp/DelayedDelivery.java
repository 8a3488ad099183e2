package im.parley.xmpp;

import im.parley.xml.Element;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The XEP-0203 {@code <delay/>} that tells a client when and by whom a message was held back:
 * stored offline (XEP-0160), or retransmitted by stream management (XEP-0198 §4: "the original
 * (failed) delivery timestamp").
 */
public final class DelayedDelivery {
    /** XEP-0082 DateTime in UTC with milliseconds, e.g. 2002-09-10T23:08:25.123Z. */
    public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private DelayedDelivery() {
    }

    /**
     * The message with a delay element added; one added earlier by another entity is kept (XEP-0203
     * §4), and one this server ({@code from}) added before stays the only one: a message stored
     * offline, delivered to a session that ended before its client acknowledged it, is stored again
     * with its first stamp, and one retransmitted after resumption keeps the time it was first sent.
     */
    public static Stanza stamp(Stanza message, String from, Instant when, String reason) {
        for (Element earlier : message.element().elements()) {
            if (earlier.is("delay", Namespaces.DELAY) && from.equals(earlier.attribute("from"))) {
                return message;
            }
        }
        Element delay = Element.builder("delay", Namespaces.DELAY)
                .attribute("from", from)
                .attribute("stamp", STAMP.format(when))
                .text(reason)
                .build();
        return Stanza.of(message.element().toBuilder().child(delay).build());
    }
}
