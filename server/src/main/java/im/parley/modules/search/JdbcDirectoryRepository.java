package im.parley.modules.search;

import im.parley.store.DuplicateKeyException;
import im.parley.store.Jdbc;
import im.parley.xmpp.Jid;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DirectoryRepository} over the {@code directory_listing} opt-ins (db/search) and the vCard
 * fields of the users who opted in (db/vcard). Only listed users are ever read.
 */
public final class JdbcDirectoryRepository implements DirectoryRepository {
    private final Jdbc jdbc;

    public JdbcDirectoryRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean listed(Jid user) {
        return jdbc.exists("SELECT 1 FROM directory_listing WHERE host = ? AND username = ?", user.domain(), user.local());
    }

    @Override
    public void setListed(Jid user, boolean listed) {
        if (!listed) {
            jdbc.update("DELETE FROM directory_listing WHERE host = ? AND username = ?", user.domain(), user.local());
            return;
        }
        try {
            jdbc.update("INSERT INTO directory_listing (host, username) SELECT host, username FROM account"
                    + " WHERE host = ? AND username = ? AND NOT EXISTS (SELECT 1 FROM directory_listing"
                    + " WHERE host = ? AND username = ?)", user.domain(), user.local(), user.domain(), user.local());
        } catch (DuplicateKeyException e) {
            // Listed by a concurrent request: the state asked for holds.
        }
    }

    @Override
    public List<DirectoryEntry> search(String host, Map<SearchField, String> criteria, int limit) {
        StringBuilder sql = new StringBuilder("SELECT v.username");
        for (SearchField field : SearchField.values()) {
            sql.append(", v.").append(field.column());
        }
        sql.append(" FROM directory_listing d JOIN vcard v ON v.host = d.host AND v.username = d.username")
                .append(" WHERE d.host = ?");
        List<Object> parameters = new ArrayList<>(List.of(host));
        for (Map.Entry<SearchField, String> criterion : criteria.entrySet()) {
            sql.append(" AND LOWER(v.").append(criterion.getKey().column()).append(") LIKE ?").append(Jdbc.LIKE_ESCAPE);
            parameters.add(Jdbc.containsPattern(criterion.getValue()));
        }
        sql.append(" ORDER BY v.username FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), JdbcDirectoryRepository::entry, parameters.toArray());
    }

    private static DirectoryEntry entry(ResultSet row) throws SQLException {
        Map<SearchField, String> values = new EnumMap<>(SearchField.class);
        SearchField[] fields = SearchField.values();
        for (int i = 0; i < fields.length; i++) {
            String value = row.getString(i + 2);
            if (value != null) {
                values.put(fields[i], value);
            }
        }
        return new DirectoryEntry(row.getString(1), values);
    }
}
