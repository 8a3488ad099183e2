package im.parley.modules.muc;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.Locale;

/**
 * Whether a room message mentions a user, for the push notification of a member who is not in the
 * room: a XEP-0372 mention reference to the user's bare JID or occupant JID, or the user's bare
 * JID or nick in the room as a word of the body (case-insensitive), as clients highlight it.
 */
final class Mentions {
    static final String REFERENCE = "urn:xmpp:reference:0";

    private Mentions() {
    }

    /** {@code nick}: the user's nick in the room, or null when the room knows none. */
    static boolean mentions(Element message, Jid user, String nick, Jid room) {
        Jid occupant = nick == null ? null : room.withResource(nick);
        for (Element child : message.elements()) {
            if (child.is("reference", REFERENCE) && "mention".equals(child.attribute("type"))) {
                Jid target = target(child.attribute("uri"));
                if (target != null && (target.equals(user) || target.equals(occupant))) {
                    return true;
                }
            }
        }
        String body = message.childText("body");
        if (body == null) {
            return false;
        }
        String text = body.toLowerCase(Locale.ROOT);
        return containsWord(text, user.toString().toLowerCase(Locale.ROOT))
                || (nick != null && containsWord(text, nick.toLowerCase(Locale.ROOT)));
    }

    /** The JID of an {@code xmpp:} URI (RFC 5122), without its query; null for another URI. */
    private static Jid target(String uri) {
        if (uri == null || !uri.startsWith("xmpp:")) {
            return null;
        }
        int query = uri.indexOf('?');
        return Jid.parseOrNull(uri.substring("xmpp:".length(), query < 0 ? uri.length() : query));
    }

    /** Whether the word occurs in the text with no letter or digit right before or after it. */
    private static boolean containsWord(String text, String word) {
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            int end = i + word.length();
            if ((i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }
}
