package im.parley.modules.caps;

import im.parley.module.StanzaSender;
import im.parley.modules.disco.DiscoModule;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns what an unknown verification string stands for (XEP-0115 §5.4, §6.2): asks one entity
 * that advertises it for its disco#info on the caps node, recomputes the hash, and caches the
 * features only when it matches. One query per ver at a time; the others that advertise the
 * same ver wait, and are asked in turn if the answer does not verify (§5.4 3.9).
 */
final class CapsDiscovery {
    private static final Logger log = LoggerFactory.getLogger(CapsDiscovery.class);
    /** Verification touches only memory, but responses may arrive on a timer thread: run it elsewhere. */
    private static final Executor VIRTUAL_THREAD = Thread::startVirtualThread;
    /** Different ver strings being learnt at once; beyond it new ones wait for the next presence. */
    private static final int MAX_LEARNING = 1_000;
    /** Entities queued behind one ver's query. */
    private static final int MAX_WAITING = 16;

    /** An entity that advertised caps, and the local address that asks it (where the answer routes back). */
    private record Candidate(Jid jid, EntityCaps caps, Jid from) {
    }

    /** Told of each entity that advertised caps once they are verified, with the local address that learnt them. */
    @FunctionalInterface
    interface Verified {
        void verified(Jid jid, Jid from, EntityCaps caps, Set<String> features);
    }

    private final StanzaSender router;
    private final CapsCache cache;
    private final Duration timeout;
    private final Verified verified;
    /** Ver strings being learnt, each with the entities waiting to be asked; guarded by this. */
    private final Map<EntityCaps.Verification, SequencedSet<Candidate>> learning = new HashMap<>();

    CapsDiscovery(StanzaSender router, CapsCache cache, Duration timeout, Verified verified) {
        this.router = router;
        this.cache = cache;
        this.timeout = timeout;
        this.verified = verified;
    }

    /**
     * Takes note that {@code jid} advertises {@code caps} (with a supported hash) to the local
     * address {@code from}, which asks it unless the caps are known or being asked about.
     * Caps verified meanwhile (another entity's answer came after the caller found them unknown) are told at
     * once: the answer told only the entities waiting for it then.
     */
    void advertised(Jid jid, Jid from, EntityCaps caps) {
        Candidate candidate = new Candidate(jid, caps, from);
        Set<String> known;
        synchronized (this) {
            EntityCaps.Verification verification = caps.verification();
            known = cache.get(verification);
            if (known == null && !asksNow(verification, candidate)) {
                return;
            }
        }
        if (known != null) {
            verified.verified(jid, from, caps, known);
        } else {
            ask(candidate);
        }
    }

    /** Whether the candidate is to be asked now: no one is, and there is room; else it waits (or is dropped). */
    private boolean asksNow(EntityCaps.Verification verification, Candidate candidate) {
        SequencedSet<Candidate> waiting = learning.get(verification);
        if (waiting != null) {
            if (waiting.size() < MAX_WAITING) {
                waiting.add(candidate);
            }
            return false;
        }
        if (learning.size() >= MAX_LEARNING) {
            return false;
        }
        learning.put(verification, new LinkedHashSet<>());
        return true;
    }

    private void ask(Candidate candidate) {
        Stanza query = Stanza.of(Element.builder("iq", Namespaces.STANZA).attribute("type", "get")
                .attribute("from", candidate.from().toString()).attribute("to", candidate.jid().toString())
                .child(Element.builder("query", DiscoModule.INFO)
                        .attribute("node", candidate.caps().discoNode()).build())
                .build());
        router.request(query, timeout).whenCompleteAsync(
                (response, failure) -> answered(candidate, failure == null ? response : null), VIRTUAL_THREAD);
    }

    /** Caches a verified answer, or asks the next entity waiting with the same ver. */
    private void answered(Candidate candidate, Stanza response) {
        EntityCaps.Verification verification = candidate.caps().verification();
        Set<String> features = verifiedFeatures(candidate, response);
        Candidate next;
        SequencedSet<Candidate> waiting;
        synchronized (this) {
            if (features != null) {
                cache.put(verification, features);
            }
            waiting = learning.get(verification);
            if (features != null || waiting.isEmpty()) {
                learning.remove(verification);
                next = null;
            } else {
                next = waiting.removeFirst();
            }
        }
        if (next != null) {
            ask(next);
        } else if (features != null) {
            verified.verified(candidate.jid(), candidate.from(), candidate.caps(), features);
            // Removed from the map above, so no one adds to it any more.
            waiting.forEach(w -> verified.verified(w.jid(), w.from(), w.caps(), features));
        }
    }

    /** The features of a response whose recomputed hash matches the advertised ver, else null. */
    private static Set<String> verifiedFeatures(Candidate candidate, Stanza response) {
        if (response == null || response.isError() || response.payload() == null) {
            log.debug("No disco#info from {} for caps {}", candidate.jid(), candidate.caps().ver());
            return null;
        }
        DiscoInfo info;
        try {
            info = DiscoInfo.parse(response.payload());
        } catch (IllegalArgumentException e) {
            log.info("Ill-formed disco#info from {} for caps {}: {}", candidate.jid(), candidate.caps().ver(),
                    e.getMessage());
            return null;
        }
        EntityCaps caps = candidate.caps();
        if (!VerificationString.of(info, caps.hash()).equals(caps.ver())) {
            log.info("The disco#info of {} does not hash to its caps ver {}; not cached", candidate.jid(), caps.ver());
            return null;
        }
        return Set.copyOf(info.features());
    }
}
