package im.parley.modules.offline;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The XEP-0203 {@code <delay/>} that tells a client when and by whom a message was stored. */
final class DelayedDelivery {
    /** XEP-0082 DateTime in UTC with milliseconds, e.g. 2002-09-10T23:08:25.123Z. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private DelayedDelivery() {
    }

    /**
     * The message with a delay element added; one added earlier by another entity is kept (XEP-0203
     * §4). A message stored here before keeps its first stamp: delivered from storage to a session
     * that ended before its client acknowledged it (XEP-0198), it is stored again as it was.
     */
    static Stanza stamp(Stanza message, String from, Instant when) {
        for (Element earlier : message.element().elements()) {
            if (earlier.is("delay", Namespaces.DELAY) && from.equals(earlier.attribute("from"))) {
                return message;
            }
        }
        Element delay = Element.builder("delay", Namespaces.DELAY)
                .attribute("from", from)
                .attribute("stamp", STAMP.format(when))
                .text("Offline Storage")
                .build();
        return Stanza.of(message.element().toBuilder().child(delay).build());
    }
}
