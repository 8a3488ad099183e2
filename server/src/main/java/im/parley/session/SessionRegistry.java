package im.parley.session;

import im.parley.config.ResourceConflict;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The bound sessions of local users, by bare JID then resource. Thread-safe. */
public final class SessionRegistry implements LocalSessions {
    private final Map<Jid, Map<String, Session>> byBareJid = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    /** Sessions unbound whose end-of-session work (listeners) has not finished yet. */
    private final AtomicInteger ending = new AtomicInteger();

    /**
     * Registers a session under its full JID. Returns the session it replaced (which the caller
     * must close), or the session itself when nothing was there; returns null when the resource
     * is taken and the policy is {@link ResourceConflict#REFUSE}.
     */
    public Session bind(Session session, ResourceConflict policy) {
        Jid jid = session.jid();
        Session[] outcome = new Session[1];
        byBareJid.compute(jid.bare(), (bare, resources) -> {
            Map<String, Session> map = resources == null ? new ConcurrentHashMap<>(2) : resources;
            Session existing = map.get(jid.resource());
            if (existing != null && policy == ResourceConflict.REFUSE) {
                outcome[0] = null;
                return map;
            }
            map.put(jid.resource(), session);
            if (existing == null) {
                count.incrementAndGet();
            }
            outcome[0] = existing == null ? session : existing;
            return map;
        });
        return outcome[0];
    }

    /**
     * Removes the session if it is still the one bound to its JID. The session then counts as
     * ending (see {@link #active()}) until {@link #ended} is called.
     */
    public void unbind(Session session) {
        Jid jid = session.jid();
        ending.incrementAndGet();
        byBareJid.computeIfPresent(jid.bare(), (bare, resources) -> {
            if (resources.remove(jid.resource(), session)) {
                count.decrementAndGet();
            }
            return resources.isEmpty() ? null : resources;
        });
    }

    /** The end-of-session work of an unbound session is done. */
    public void ended() {
        ending.decrementAndGet();
    }

    /** Bound sessions plus those still running their end-of-session work: shutdown waits for zero. */
    public int active() {
        return count.get() + ending.get();
    }

    @Override
    public Session get(Jid fullJid) {
        Map<String, Session> resources = byBareJid.get(fullJid.bare());
        return resources == null ? null : resources.get(fullJid.resource());
    }

    @Override
    public List<Session> sessionsOf(Jid bareJid) {
        Map<String, Session> resources = byBareJid.get(bareJid.bare());
        return resources == null ? List.of() : List.copyOf(resources.values());
    }

    @Override
    public int count() {
        return count.get();
    }

    @Override
    public List<Session> all() {
        return byBareJid.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}
