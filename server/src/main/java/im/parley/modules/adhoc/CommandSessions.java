package im.parley.modules.adhoc;

import im.parley.xmpp.Jid;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open command sessions, per requester (a session id is valid only for the full JID it was
 * given to, XEP-0050 §3.3). A session expires when left alone for the timeout; an ended or
 * expired id is remembered until twice the timeout after its last use, so that its reuse is told
 * apart (session-expired) from an id that never existed (bad-sessionid).
 */
final class CommandSessions {
    /** What a session id names for a requester. */
    sealed interface Lookup {
        record Open(CommandSession session) implements Lookup {
        }

        record Ended() implements Lookup {
        }

        record Unknown() implements Lookup {
        }
    }

    private record Key(Jid requester, String id) {
    }

    /** A session, or the memory of an ended one (session null), with when it was last used. */
    private record Entry(CommandSession session, Instant touched) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration timeout;
    private final int maxOpenPerRequester;

    CommandSessions(Clock clock, Duration timeout, int maxOpenPerRequester) {
        this.clock = clock;
        this.timeout = timeout;
        this.maxOpenPerRequester = maxOpenPerRequester;
    }

    /** Opens a session with a fresh unguessable id, or returns null when the requester has too many open. */
    CommandSession open(Jid requester, AdHocCommand command) {
        sweep();
        long open = entries.entrySet().stream()
                .filter(e -> e.getKey().requester().equals(requester) && e.getValue().session() != null)
                .count();
        if (open >= maxOpenPerRequester) {
            return null;
        }
        CommandSession session = new CommandSession(newId(), requester, command);
        entries.put(new Key(requester, session.id()), new Entry(session, clock.instant()));
        return session;
    }

    /** Finds a requester's session and marks it used. */
    Lookup find(Jid requester, String id) {
        Key key = new Key(requester, id);
        Entry entry = entries.get(key);
        if (entry == null) {
            return new Lookup.Unknown();
        }
        Instant now = clock.instant();
        if (entry.session() == null || expired(entry, now)) {
            return new Lookup.Ended();
        }
        entries.put(key, new Entry(entry.session(), now));
        return new Lookup.Open(entry.session());
    }

    /** Ends a session (completed or canceled); its id is remembered as ended. */
    void end(CommandSession session) {
        entries.put(new Key(session.requester(), session.id()), new Entry(null, clock.instant()));
    }

    /** Forgets every session of a requester whose stream has closed: its ids can never be used again. */
    void forget(Jid requester) {
        entries.keySet().removeIf(key -> key.requester().equals(requester));
    }

    /** Drops ended ids and expired sessions once they have been remembered long enough. */
    private void sweep() {
        Instant forgetBefore = clock.instant().minus(timeout.multipliedBy(2));
        entries.values().removeIf(entry -> entry.touched().isBefore(forgetBefore));
    }

    private boolean expired(Entry entry, Instant now) {
        return entry.touched().plus(timeout).isBefore(now);
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
