package im.parley.modules.streammanagement;

import im.parley.module.Hosts;
import im.parley.modules.streammanagement.JournalStore.Journaled;
import im.parley.session.DeliveryJournal;
import im.parley.session.ResumableSessions;
import im.parley.store.GroupCommit;
import im.parley.xml.XmlText;
import im.parley.xmpp.DelayedDelivery;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery journal: a client's message is written only when a session keeps it for its
 * client's acknowledgement (a connected or detached session with stream management): stored
 * offline, bounced or handed to a session without stream management, it is as safe as it will
 * be by the time routing returns, and nothing is written. Writes and removals go through one
 * group-commit writer, in order; an entry added and removed within one batch never reaches the
 * store.
 */
final class Journal implements DeliveryJournal, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    /** Changes one transaction takes at most. */
    private static final int MAX_BATCH = 2048;
    /** Entries read, handed on and removed per round trip at start-up. */
    private static final int RECOVERY_BATCH = 200;
    /** A failed batch is tried this many times in all, with a doubling pause from 100 ms. */
    private static final int ATTEMPTS = 4;
    private static final CompletableFuture<Void> NOTHING_TO_WRITE = CompletableFuture.completedFuture(null);

    private sealed interface Change {
    }

    private record Add(Journaled row) implements Change {
    }

    private record Remove(long id) implements Change {
    }

    private final JournalStore store;
    private final Hosts hosts;
    private final Clock clock;
    private final AtomicLong ids;
    private final GroupCommit<Change, Void> writer;

    Journal(JournalStore store, Hosts hosts, Clock clock) {
        this.store = store;
        this.hosts = hosts;
        this.clock = clock;
        this.ids = new AtomicLong(store.largestId());
        this.writer = new GroupCommit<>("delivery-journal", MAX_BATCH, this::write);
    }

    @Override
    public Entry record(Stanza stanza) {
        if (!stanza.isMessage() || stanza.to() == null || !hosts.isAccount(stanza.to())
                || !(stanza.type().equals("chat") || stanza.type().equals("normal"))) {
            return null;
        }
        return new JournalEntry(stanza, clock.instant());
    }

    /**
     * Hands every entry a crash left (oldest first) to where a session's unacknowledged stanzas
     * go when it ends, with the time it was received as its delay stamp, then removes it: run at
     * start-up, after the offline storage started and before clients connect.
     */
    void recover(ResumableSessions sessions) {
        int recovered = 0;
        for (List<Journaled> batch = store.oldest(RECOVERY_BATCH); !batch.isEmpty();
                batch = store.oldest(RECOVERY_BATCH)) {
            handOnByRecipient(sessions, batch);
            store.write(List.of(), batch.stream().map(Journaled::id).toList());
            recovered += batch.size();
        }
        if (recovered > 0) {
            log.info("Delivered {} journaled messages the last run left unacknowledged as offline messages", recovered);
        }
    }

    /**
     * Each recipient's messages in order on a thread of their own: offline storage commits each
     * before the next, and recipients side by side share its batches (group commit).
     */
    private static void handOnByRecipient(ResumableSessions sessions, List<Journaled> batch) {
        Map<Jid, List<Stanza>> byRecipient = new LinkedHashMap<>();
        for (Journaled entry : batch) {
            Stanza message = read(entry);
            if (message != null) {
                byRecipient.computeIfAbsent(message.to().bare(), to -> new ArrayList<>())
                        .add(DelayedDelivery.stamp(message, message.to().domain(), entry.receivedAt(),
                                "Offline Storage"));
            }
        }
        List<Future<?>> handedOn = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            byRecipient.values().forEach(messages -> handedOn.add(
                    threads.submit(() -> messages.forEach(sessions::undelivered))));
        }
        for (Future<?> recipient : handedOn) {
            try {
                recipient.get();
            } catch (ExecutionException | InterruptedException e) {
                // The entries stay for the next start rather than be removed unstored.
                throw new IllegalStateException("journaled messages could not be stored offline", e);
            }
        }
    }

    private static Stanza read(Journaled entry) {
        try {
            return Stanza.of(XmlText.readOne(entry.stanza()));
        } catch (IllegalArgumentException e) {
            log.error("Dropped unreadable delivery journal entry {}", entry.id(), e);
            return null;
        }
    }

    /** Writes what was queued before, then stops. */
    @Override
    public void close() {
        writer.close();
    }

    private List<Void> write(List<Change> batch) {
        Map<Long, Journaled> added = new LinkedHashMap<>();
        List<Long> removed = new ArrayList<>();
        for (Change change : batch) {
            switch (change) {
                case Add add -> added.put(add.row().id(), add.row());
                // Safe elsewhere before it was written: nothing to write or remove.
                case Remove remove -> {
                    if (added.remove(remove.id()) == null) {
                        removed.add(remove.id());
                    }
                }
            }
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            writeWithRetries(List.copyOf(added.values()), removed);
        }
        return Collections.nCopies(batch.size(), null);
    }

    /** A database that fails for a moment (a fail-over, a lock timeout) should not end clients' streams. */
    private void writeWithRetries(List<Journaled> added, List<Long> removed) {
        long pause = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                store.write(added, removed);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.warn("Delivery journal write of {} entries failed (attempt {}), trying again", added.size()
                        + removed.size(), attempt, e);
                sleep(pause);
                pause *= 2;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One message's entry. The routing that made it is its first holder; every hold after that
     * comes from a session taking the message during that routing (on the sender's thread), and
     * the first writes it. Once routing released it, {@link #written} is final.
     */
    private final class JournalEntry implements Entry {
        private final Stanza stanza;
        private final Instant receivedAt;
        private final AtomicInteger holders = new AtomicInteger(1);
        private volatile long id;
        private volatile CompletableFuture<Void> written = NOTHING_TO_WRITE;

        JournalEntry(Stanza stanza, Instant receivedAt) {
            this.stanza = stanza;
            this.receivedAt = receivedAt;
        }

        @Override
        public CompletableFuture<?> written() {
            return written;
        }

        @Override
        public void hold() {
            if (holders.incrementAndGet() == 2 && id == 0) {
                id = ids.incrementAndGet();
                written = enqueue(new Add(new Journaled(id, receivedAt, XmlText.write(stanza.element()))));
            }
        }

        @Override
        public void release() {
            if (holders.decrementAndGet() == 0 && id != 0) {
                enqueue(new Remove(id));
            }
        }

        /** After the writer closed (shutdown): the sessions' stanzas go offline as they end, unjournaled. */
        private CompletableFuture<Void> enqueue(Change change) {
            try {
                return writer.enqueue(change);
            } catch (IllegalStateException e) {
                log.debug("Delivery journal closed: {} not written", change);
                return NOTHING_TO_WRITE;
            }
        }
    }
}
