package im.parley.modules.mam;

import im.parley.store.ArchivePositions;
import im.parley.store.ArchiveStore;
import im.parley.store.ArchiveStore.Item;
import im.parley.store.ArchiveStore.Query;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message retraction tombstones (XEP-0424 §5): when a retraction is archived, the message it
 * retracts keeps its place in the same archive (so that clients syncing the archive still see it
 * existed, with its id and delay) but loses its content, replaced by {@code <retracted/>} naming
 * the retraction and when it came. The retraction itself is archived as any message (§6: it must
 * be). Only a message from the retraction's author is retracted (§6: same bare JID in a
 * one-to-one conversation), found among the latest {@link #SEARCHED} messages exchanged with the
 * other party, by the 'id' attribute the author gave it.
 *
 * <p>A service's archive replaces an item itself (a chat room's moderated message, XEP-0425) and
 * removes a whole archive (a room destroyed) through the same thread.
 *
 * <p>On a virtual thread of its own, after the owner's queued archive writes: retractions are
 * rare, routing never waits for them, and the original is in the archive by then; the owner's
 * queries wait for the change as for a write, so a client never reads the item as it was before.
 */
final class Tombstones implements AutoCloseable {
    static final String FEATURE = Archivable.RETRACT + "#tombstone";
    /** How many of the latest messages with the other party are searched for the retracted one. */
    static final int SEARCHED = 1_000;
    private static final Logger log = LoggerFactory.getLogger(Tombstones.class);

    private final ArchiveStore archive;
    private final ArchiveWriter writer;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("archive-tombstones").factory());

    Tombstones(ArchiveStore archive, ArchiveWriter writer, Clock clock) {
        this.archive = archive;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * The retraction (a message from {@code author} with this retract element) was archived for
     * {@code owner}, exchanged with {@code with}: the retracted message becomes a tombstone there.
     */
    void retracted(Jid owner, Jid with, Jid author, Element retract, String retractionId) {
        String retractedId = retract.attribute("id");
        if (retractedId == null || retractionId == null) {
            return;
        }
        Instant at = clock.instant();
        inBackground(owner, "replace message " + retractedId + " retracted by " + author + " in the archive",
                () -> bury(owner, with.bare(), author.bare(), retractedId, retractionId, at));
    }

    /** Replaces the owner's item at this position by what {@code change} makes of it (a moderated message's tombstone). */
    void replace(Jid owner, long position, UnaryOperator<Element> change) {
        inBackground(owner, "replace item " + ArchivePositions.key(position), () -> {
            for (Item item : archive.query(owner, Query.first(1).at(List.of(position))).items()) {
                archive.replace(owner, position, XmlText.write(change.apply(XmlText.readOne(item.value()))));
            }
        });
    }

    /** Removes the owner's archive. */
    void forget(Jid owner) {
        inBackground(owner, "remove the archive", () -> archive.deleteAll(owner));
    }

    /** Runs the change on this class's thread once the owner's queued writes are written; the owner's queries wait for it. */
    private void inBackground(Jid owner, String what, Runnable change) {
        writer.afterWrites(owner, executor, () -> {
            try {
                change.run();
            } catch (RuntimeException e) {
                log.warn("Could not {} of {}: {}", what, owner, e.toString());
            }
        });
    }

    private void bury(Jid owner, Jid with, Jid author, String retractedId, String retractionId, Instant at) {
        for (Item item : archive.query(owner, Query.last(SEARCHED).with(with)).items().reversed()) {
            Element message = XmlText.readOne(item.value());
            Jid from = Jid.parseOrNull(message.attribute("from"));
            if (retractedId.equals(message.attribute("id")) && from != null && from.bare().equals(author)
                    && message.child("retract", Archivable.RETRACT) == null) {
                archive.replace(owner, item.position(), XmlText.write(tombstone(message, retractionId, at)));
                return;
            }
        }
        log.debug("No message {} from {} in the latest {} of {}'s archive to retract", retractedId, author, SEARCHED, owner);
    }

    /** The message with its ids (XEP-0359) and nothing else of its content, and the {@code <retracted/>} marker. */
    static Element tombstone(Element message, String retractionId, Instant at) {
        return message.withoutChildren(child -> !child.namespace().equals(StanzaIds.NAMESPACE)).toBuilder()
                .child(Element.builder("retracted", Archivable.RETRACT).attribute("id", retractionId)
                        .attribute("stamp", at.toString()).build())
                .build();
    }

    /** Waits for the tombstones queued so far. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Archive tombstones did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
