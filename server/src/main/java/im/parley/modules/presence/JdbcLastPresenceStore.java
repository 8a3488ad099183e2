package im.parley.modules.presence;

import im.parley.store.Jdbc;
import im.parley.xml.XmlText;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link LastPresenceStore} in the last_presence table of migration V2. */
public final class JdbcLastPresenceStore implements LastPresenceStore {
    private final Jdbc jdbc;

    public JdbcLastPresenceStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<LastPresence> find(String user) {
        return jdbc.query("SELECT stanza, sent_at FROM last_presence WHERE username = ?",
                row -> new LastPresence(XmlText.readOne(row.getString(1)), row.getTimestamp(2).toInstant()), user)
                .stream().findFirst();
    }

    @Override
    public void saveAll(Map<String, LastPresence> byUser) {
        List<Object[]> rows = byUser.entrySet().stream()
                .map(e -> new Object[] {XmlText.write(e.getValue().presence()), Timestamp.from(e.getValue().sentAt()),
                    e.getKey()})
                .toList();
        jdbc.inTransaction(tx -> {
            // Selecting from account inserts nothing for an account deleted while its session ran.
            tx.upsert("UPDATE last_presence SET stanza = ?, sent_at = ? WHERE username = ?", rows,
                    "INSERT INTO last_presence (username, stanza, sent_at)"
                            + " SELECT username, ?, ? FROM account WHERE username = ?", rows);
            return null;
        });
    }

    @Override
    public void delete(String user) {
        jdbc.update("DELETE FROM last_presence WHERE username = ?", user);
    }
}
