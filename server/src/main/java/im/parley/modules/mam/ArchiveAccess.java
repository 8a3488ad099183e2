package im.parley.modules.mam;

import im.parley.session.Session;
import im.parley.store.ArchivePositions;
import im.parley.store.ArchiveStore;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive (XEP-0313) as a service keeps it for an entity of its own, such as a chat room
 * (owner: the room's bare JID, §3.2 "MUC archives"), and as users' archives are read: written through
 * the same group-commit writer as users' archives, read with the same query, result set (XEP-0059)
 * and metadata handling. The service decides who may read which archive and how each item is
 * shown to them ({@link View}). {@code MamFeature} provides it; a feature that keeps archives finds it.
 */
public final class ArchiveAccess {
    public static final String NAMESPACE = MamModule.NAMESPACE;
    private static final Logger log = LoggerFactory.getLogger(ArchiveAccess.class);

    /**
     * How an archive is shown to one requester: each stored item as {@code shown} makes it, and
     * whether the query may filter by the JID an item was exchanged with (XEP-0313 §4.1.1: only for
     * those who may know it, e.g. not a visitor to a semi-anonymous room).
     */
    public record View(UnaryOperator<Element> shown, boolean mayFilterByJid) {
        /** The whole archive as stored (its owner's view). */
        public static final View WHOLE = new View(UnaryOperator.identity(), true);
    }

    private final ArchiveStore archive;
    private final ArchiveWriter writer;
    private final ArchiveSearch search;
    private final Tombstones tombstones;

    ArchiveAccess(ArchiveStore archive, ArchiveWriter writer, ArchiveSearch search, Tombstones tombstones) {
        this.archive = archive;
        this.writer = writer;
        this.search = search;
        this.tombstones = tombstones;
    }

    /**
     * A new id (XEP-0359) for an item of the owner's archive, to stamp on the message before it is
     * sent; the owner's queries wait until it is {@link #write written}.
     */
    public String reserve(Jid owner) {
        return writer.reserve(owner);
    }

    /** Queues the item under its reserved id; {@code with}: who it was exchanged with (the 'with' filter). */
    public void write(Jid owner, String id, Jid with, Element item) {
        writer.writeReserved(owner, id, with, XmlText.write(item));
    }

    /** An archived message and when it was archived. */
    public record Archived(Element message, Instant at) {
    }

    /** The owner's latest {@code max} items, oldest first (after the writes queued so far). */
    public List<Archived> latest(Jid owner, int max) {
        writer.awaitWrites(owner);
        return archive.query(owner, ArchiveStore.Query.last(max)).items().stream()
                .map(item -> new Archived(XmlText.readOne(item.value()), item.at())).toList();
    }

    /** Whether the owner's archive has an item with this id (after the writes queued so far). */
    public boolean contains(Jid owner, String id) {
        if (ArchivePositions.parse(id) < 0) {
            return false;
        }
        writer.awaitWrites(owner);
        return !archive.positions(owner, List.of(id)).isEmpty();
    }

    /**
     * Replaces the owner's item of this id by what {@code change} makes of it (a tombstone), in the
     * background after the owner's queued writes.
     */
    public void replace(Jid owner, String id, UnaryOperator<Element> change) {
        tombstones.replace(owner, ArchivePositions.parse(id), change);
    }

    /** Removes the owner's whole archive, in the background after its queued writes (a room destroyed). */
    public void forget(Jid owner) {
        tombstones.forget(owner);
    }

    /**
     * Answers an IQ in urn:xmpp:mam:2 to the owner's archive from a requester allowed to read it:
     * the query form (§4.1.5), a query (§4, its results sent to the requester's {@code session}
     * first, when it is local), metadata (§5.1). Anything else is service-unavailable.
     */
    public Stanza answer(Stanza iq, Jid owner, Session session, View view) {
        Element payload = iq.payload();
        boolean get = "get".equals(iq.type());
        return switch (payload.name()) {
            case "query" -> get ? iq.result(ArchiveResults.queryForm()) : query(iq, owner, payload, session, view);
            case "metadata" -> get ? metadata(iq, owner) : iq.error(StanzaError.BAD_REQUEST, "Metadata takes type get");
            default -> iq.error(StanzaError.SERVICE_UNAVAILABLE);
        };
    }

    private Stanza query(Stanza iq, Jid owner, Element payload, Session session, View view) {
        ArchiveSearch.Result result;
        ArchiveQuery query;
        try {
            query = ArchiveQuery.parse(payload);
            if (query.with() != null && !view.mayFilterByJid()) {
                throw new QueryRejected(StanzaError.FORBIDDEN, "You may not know who sent the archive's messages");
            }
            writer.awaitWrites(owner);
            result = search.run(owner, query);
        } catch (QueryRejected e) {
            log.debug("Archive query of {} to {} refused: {}", iq.from(), owner, e.getMessage());
            return iq.error(e.condition(), e.getMessage());
        }
        if (session != null) {
            ArchiveResults.send(session, owner, query, result, view.shown());
        }
        return iq.result(ArchiveResults.fin(result));
    }

    /** XEP-0313 §5.1: the first and last entries of the whole archive; empty when there are none. */
    private Stanza metadata(Stanza iq, Jid owner) {
        writer.awaitWrites(owner);
        return iq.result(ArchiveResults.metadata(archive.query(owner, ArchiveStore.Query.first(1)).items(),
                archive.query(owner, ArchiveStore.Query.last(1)).items()));
    }
}
