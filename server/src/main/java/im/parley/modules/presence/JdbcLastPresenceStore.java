package im.parley.modules.presence;

import im.parley.store.Jdbc;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import java.sql.Timestamp;
import java.time.Instant;
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
    public void save(String user, Element presence, Instant sentAt) {
        jdbc.inTransaction(tx -> {
            // Delete and insert: portable where MERGE and ON CONFLICT are not.
            tx.update("DELETE FROM last_presence WHERE username = ?", user);
            return tx.update("INSERT INTO last_presence (username, stanza, sent_at) VALUES (?, ?, ?)",
                    user, XmlText.write(presence), Timestamp.from(sentAt));
        });
    }

    @Override
    public void delete(String user) {
        jdbc.update("DELETE FROM last_presence WHERE username = ?", user);
    }
}
