package im.parley.modules.muc;

import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The requests a room forwarded between occupants (XEP-0045 §18) and not yet answered, by the id
 * the room gave them; the oldest are forgotten past a bound, so occupants that never answer cost
 * the room nothing lasting. Not thread-safe: the room guards it.
 */
final class ForwardedRequests {
    private static final int MOST = 256;

    private record Forwarded(Stanza request, Jid target) {
    }

    private final Map<String, Forwarded> byId = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Forwarded> eldest) {
            return size() > MOST;
        }
    };
    private long next;

    /** Remembers the request forwarded to {@code target}'s real JID; returns the id to forward it under. */
    String add(Stanza request, Jid target) {
        String id = "muc-" + ++next;
        byId.put(id, new Forwarded(request, target));
        return id;
    }

    /**
     * The request that an answer with this id from this real JID answers, or null (no such id,
     * or an answer from someone the request did not go to); the request is forgotten once answered.
     */
    Stanza take(String id, Jid from) {
        Forwarded forwarded = id == null ? null : byId.get(id);
        if (forwarded == null || !forwarded.target().equals(from)) {
            return null;
        }
        byId.remove(id);
        return forwarded.request();
    }
}
