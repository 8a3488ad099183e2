package im.parley.modules.upload;

import im.parley.xmpp.Jid;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slots given out and not used yet, in memory: each is used once (taken by the first PUT to
 * its URL) or expires. A user's unused slots count against the quota, so that many slots asked at
 * once cannot together exceed it.
 */
final class Slots {
    /** 24 random bytes: 192 bits nobody can guess, 32 characters in the URL. */
    private static final int SECRET_BYTES = 24;

    /** What a slot request gets: a slot or a refusal. */
    sealed interface Reservation permits Slot, Refusal {
    }

    /** A slot: the secret of its URL, who asked, and the file it is for. */
    record Slot(String id, Jid owner, String name, String contentType, long size, Instant expires)
            implements Reservation {
        StoredFile stored(Instant now) {
            return new StoredFile(id, owner, name, contentType, size, now);
        }
    }

    /** Why a slot was not given: too many unused, or the quota; {@code retry} is when to try again (or null). */
    record Refusal(boolean quota, Instant retry) implements Reservation {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Slot> byId = new HashMap<>();
    private final Map<Jid, List<Slot>> byOwner = new HashMap<>();

    /**
     * Gives {@code owner} a slot unless it holds {@code maxPending} unused ones already or
     * {@code storedBytes}, its unused slots and this file together exceed {@code quota}: then
     * returns the refusal.
     */
    synchronized Reservation reserve(Jid owner, String name, String contentType, long size, long storedBytes, long quota,
            int maxPending, Instant now, Instant expires) {
        List<Slot> pending = new ArrayList<>(byOwner.getOrDefault(owner, List.of()));
        pending.removeIf(slot -> expired(slot, now));
        if (pending.isEmpty()) {
            byOwner.remove(owner);
        } else {
            byOwner.put(owner, pending);
        }
        if (pending.size() >= maxPending) {
            return new Refusal(false, pending.getFirst().expires());
        }
        long reserved = pending.stream().mapToLong(Slot::size).sum();
        if (storedBytes + reserved + size > quota) {
            return new Refusal(true, null);
        }
        Slot slot = new Slot(secret(), owner, name, contentType, size, expires);
        pending.add(slot);
        byOwner.put(owner, pending);
        byId.put(slot.id(), slot);
        return slot;
    }

    /** The slot of this secret, now used; null when there is none, it was used, or it expired. */
    synchronized Slot take(String id, Instant now) {
        Slot slot = byId.remove(id);
        if (slot == null) {
            return null;
        }
        forget(slot);
        return slot.expires().isAfter(now) ? slot : null;
    }

    /** Drops every expired slot. */
    synchronized void expire(Instant now) {
        List<Slot> expired = byId.values().stream().filter(slot -> !slot.expires().isAfter(now)).toList();
        for (Slot slot : expired) {
            byId.remove(slot.id());
            forget(slot);
        }
    }

    /** Whether the slot expired; an expired one leaves the index (the caller drops it from its owner's list). */
    private boolean expired(Slot slot, Instant now) {
        if (slot.expires().isAfter(now)) {
            return false;
        }
        byId.remove(slot.id());
        return true;
    }

    private void forget(Slot slot) {
        List<Slot> pending = byOwner.get(slot.owner());
        if (pending != null && pending.remove(slot) && pending.isEmpty()) {
            byOwner.remove(slot.owner());
        }
    }

    private String secret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
