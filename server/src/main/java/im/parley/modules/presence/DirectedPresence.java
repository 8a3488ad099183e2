package im.parley.modules.presence;

import im.parley.session.Session;
import im.parley.session.SessionKey;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entities a session sent directed available presence to (RFC 6121 §4.6): they must be told
 * when it becomes unavailable, since they are not among the contacts who get broadcasts.
 */
final class DirectedPresence {
    private static final SessionKey<Set<Jid>> TARGETS = new SessionKey<>("directed-presence");

    private DirectedPresence() {
    }

    /** Records an available presence sent to {@code target}, or forgets the target after an unavailable one. */
    static void track(Session session, Jid target, boolean available) {
        Set<Jid> targets = session.get(TARGETS);
        if (available) {
            if (targets == null) {
                // Most sessions never send directed presence; create the set on first use.
                targets = ConcurrentHashMap.newKeySet();
                session.put(TARGETS, targets);
            }
            targets.add(target);
        } else if (targets != null) {
            targets.remove(target);
        }
    }

    /** The targets still holding the session's available presence; forgets them. */
    static List<Jid> takeAll(Session session) {
        Set<Jid> targets = session.get(TARGETS);
        if (targets == null) {
            return List.of();
        }
        session.put(TARGETS, null);
        return List.copyOf(targets);
    }
}
