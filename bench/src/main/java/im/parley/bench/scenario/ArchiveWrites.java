package im.parley.bench.scenario;

import im.parley.bench.report.Json;
import im.parley.store.ArchiveStore;
import im.parley.store.ArchiveStore.Entry;
import im.parley.store.GroupCommit;
import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Archive writes per second into the message archive's store (XEP-0313, {@code archive_entry}):
 * W writers (the routing threads of W senders) each archive their share of N messages, every
 * write committed before the writer goes on, either one transaction per message or handed to a
 * group-commit writer as the archive does (one transaction for whatever is waiting, up to 512).
 * Both runs' items are counted afterwards: a write that did not land fails the run.
 */
public final class ArchiveWrites {
    /** The archive's own batch limit (modules/mam ArchiveWriter). */
    private static final int MAX_BATCH = 512;
    /** A chat message of typical size, stored as the archive stores it. */
    private static final String STANZA = "<message xmlns='jabber:client' type='chat' from='user1@localhost/bench'"
            + " to='user2@localhost'><body>" + "x".repeat(100) + "</body><stanza-id xmlns='urn:xmpp:sid:0'"
            + " by='user2@localhost' id='ixk3v4c2f0'/></message>";

    private ArchiveWrites() {
    }

    /** Runs both ways, one after the other, and reports writes/s of each and their ratio. */
    public static Json run(ArchiveStore archive, int messages, int writers) throws Exception {
        double single = measure(archive, messages, writers, entry -> archive.append(List.of(entry)));
        double grouped;
        try (GroupCommit<Entry, Void> group = new GroupCommit<>("bench-archive-writer", MAX_BATCH, batch -> {
            archive.append(batch);
            return Collections.nCopies(batch.size(), null);
        })) {
            grouped = measure(archive, messages, writers, group::submit);
        }
        long stored = 0;
        for (int w = 0; w < writers; w++) {
            stored += archive.count(owner(w), ArchiveStore.Query.first(1));
        }
        if (stored != 2L * messages) {
            throw new IllegalStateException(stored + " items stored of " + 2L * messages + " written");
        }
        return Json.object()
                .put("messages", messages)
                .put("writers", writers)
                .put("one_transaction_per_message_writes_per_s", Math.round(single))
                .put("group_commit_writes_per_s", Math.round(grouped))
                .put("ratio", Math.round(grouped / single * 10) / 10.0);
    }

    private static Jid owner(int writer) {
        return Jid.of("user" + (writer + 1), "localhost", null);
    }

    private static double measure(ArchiveStore archive, int messages, int writers, Consumer<Entry> write)
            throws Exception {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Jid owner = owner(w);
                Jid with = Jid.of("peer" + (w + 1), "localhost", "bench");
                int share = messages / writers + (w < messages % writers ? 1 : 0);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        write.accept(new Entry(archive.nextPosition(), owner, with, STANZA));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return messages / ((System.nanoTime() - start) / 1e9);
    }
}
