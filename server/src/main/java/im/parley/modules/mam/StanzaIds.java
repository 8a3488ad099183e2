package im.parley.modules.mam;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;

/**
 * Unique and stable stanza ids (XEP-0359): the {@code <stanza-id/>} an archive adds to a message it
 * keeps, naming itself in 'by', whose id is the archive entry's ({@link im.parley.store.ArchivePositions}).
 * A client's {@code <origin-id/>} is left as it is. Public for the services that keep an archive of
 * their own (a chat room stamps its messages with its archive's ids).
 */
public final class StanzaIds {
    public static final String NAMESPACE = "urn:xmpp:sid:0";

    private StanzaIds() {
    }

    /** The id of the stanza-id that {@code by} put on the message, or null. */
    public static String idBy(Element message, Jid by) {
        for (Element child : message.elements()) {
            if (isBy(child, by)) {
                return child.attribute("id");
            }
        }
        return null;
    }

    /**
     * The message without the stanza-ids naming {@code by} (XEP-0359 §5: an entity removes those
     * claiming to be its own, so a forged one is never taken for the archive's); the same element
     * when it has none.
     */
    public static Element without(Element message, Jid by) {
        return message.withoutChildren(child -> isBy(child, by));
    }

    /** The message with a stanza-id naming {@code by}. */
    public static Element with(Element message, Jid by, String id) {
        return message.toBuilder()
                .child(Element.builder("stanza-id", NAMESPACE).attribute("id", id).attribute("by", by.toString()).build())
                .build();
    }

    private static boolean isBy(Element child, Jid by) {
        return child.is("stanza-id", NAMESPACE) && by.equals(Jid.parseOrNull(child.attribute("by")));
    }
}
