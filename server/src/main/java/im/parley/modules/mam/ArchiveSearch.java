package im.parley.modules.mam;

import im.parley.module.HostSettings;
import im.parley.store.ArchiveStore;
import im.parley.store.ArchiveStore.Item;
import im.parley.store.ArchiveStore.Query;
import im.parley.xmpp.Jid;
import im.parley.xmpp.StanzaError;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Runs a XEP-0313 query on a user's archive: the ids it names become positions (each must be in
 * the archive), the form's bounds and the RSM page's anchors become one store query, and the RSM
 * count is that of the form's filters alone (XEP-0059 §2.1: the whole result set). The count is
 * given with a result set's first page (no RSM anchor) and with an empty page only: counting for
 * every page would make walking a large archive quadratic, and XEP-0059 makes it optional.
 */
final class ArchiveSearch {
    /**
     * A page of results in archive order, whether it ends the result set in its direction, the
     * set's size (null when not counted).
     */
    record Result(List<Item> items, boolean complete, Long count) {
    }

    private final ArchiveStore store;
    private final HostSettings<ArchiveConfig> settings;

    /** {@code settings}: the page sizes of each host, those of the archive's owner apply. */
    ArchiveSearch(ArchiveStore store, HostSettings<ArchiveConfig> settings) {
        this.store = store;
        this.settings = settings;
    }

    Result run(Jid owner, ArchiveQuery query) throws QueryRejected {
        ArchiveConfig config = settings.of(owner.domain());
        if (query.ids() != null && query.ids().size() > config.maxPageSize()) {
            throw new QueryRejected(StanzaError.POLICY_VIOLATION,
                    "At most " + config.maxPageSize() + " ids in one query");
        }
        List<String> referenced = query.referencedIds();
        Map<String, Long> positions = store.positions(owner, referenced);
        for (String id : referenced) {
            if (!positions.containsKey(id)) {
                throw new QueryRejected(StanzaError.ITEM_NOT_FOUND, "No message '" + id + "' in the archive");
            }
        }
        int max = Math.min(query.max() == null ? config.defaultPageSize() : query.max(), config.maxPageSize());
        Query filters = new Query(query.with(), query.start(), query.end(), position(positions, query.afterId()),
                position(positions, query.beforeId()),
                query.ids() == null ? null : query.ids().stream().map(positions::get).toList(), false, max);
        Query page = new Query(filters.with(), filters.start(), filters.end(),
                tighter(filters.after(), position(positions, query.after()), Math::max),
                tighter(filters.before(), position(positions, query.before()), Math::min),
                filters.positions(), query.backwards(), max);
        ArchiveStore.Page found = store.query(owner, page);
        boolean counted = query.after() == null && query.before() == null || found.items().isEmpty();
        return new Result(found.items(), found.complete(), counted ? store.count(owner, filters) : null);
    }

    /** The position of an id the query may leave out (null then). */
    private static Long position(Map<String, Long> positions, String id) {
        return id == null ? null : positions.get(id);
    }

    /** Of two optional bounds, the one that excludes more. */
    private static Long tighter(Long a, Long b, BinaryOperator<Long> pick) {
        return a == null ? b : b == null ? a : pick.apply(a, b);
    }
}
