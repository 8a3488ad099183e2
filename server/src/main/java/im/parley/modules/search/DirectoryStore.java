package im.parley.modules.search;

import im.parley.store.DuplicateKeyException;
import im.parley.store.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The user directory: the {@code directory_listing} opt-ins (V5__profiles.sql) and searches over
 * the vCard fields of the users who opted in. Only listed users are ever read.
 */
public final class DirectoryStore {
    private static final char ESCAPE = '!';

    private final Jdbc jdbc;

    public DirectoryStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public boolean listed(String username) {
        return jdbc.exists("SELECT 1 FROM directory_listing WHERE username = ?", username);
    }

    /** Lists or unlists the user; listing a deleted account stores nothing. */
    public void setListed(String username, boolean listed) {
        if (!listed) {
            jdbc.update("DELETE FROM directory_listing WHERE username = ?", username);
            return;
        }
        try {
            jdbc.update("INSERT INTO directory_listing (username) SELECT username FROM account WHERE username = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM directory_listing WHERE username = ?)", username, username);
        } catch (DuplicateKeyException e) {
            // Listed by a concurrent request: the state asked for holds.
        }
    }

    /**
     * The listed users whose every given field contains the given text, ignoring case, in
     * username order; at most {@code limit}. {@code criteria} must not be empty.
     */
    List<DirectoryEntry> search(Map<SearchField, String> criteria, int limit) {
        StringBuilder sql = new StringBuilder("SELECT v.username");
        for (SearchField field : SearchField.values()) {
            sql.append(", v.").append(field.column());
        }
        sql.append(" FROM directory_listing d JOIN vcard v ON v.username = d.username WHERE ");
        List<Object> parameters = new ArrayList<>();
        for (Map.Entry<SearchField, String> criterion : criteria.entrySet()) {
            if (!parameters.isEmpty()) {
                sql.append(" AND ");
            }
            sql.append("LOWER(v.").append(criterion.getKey().column()).append(") LIKE ? ESCAPE '").append(ESCAPE)
                    .append('\'');
            parameters.add(containsPattern(criterion.getValue()));
        }
        sql.append(" ORDER BY v.username FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), DirectoryStore::entry, parameters.toArray());
    }

    /** A LIKE pattern matching any text that contains {@code text}, in lower case, wildcards taken literally. */
    static String containsPattern(String text) {
        StringBuilder pattern = new StringBuilder("%");
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) {
                pattern.append(ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
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
