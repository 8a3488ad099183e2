package im.parley.modules.fast;

import im.parley.store.Jdbc;
import im.parley.xmpp.Jid;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** {@link TokenStore} in the {@code fast_token} table (db/fast). */
final class JdbcTokenStore implements TokenStore {
    private final Jdbc jdbc;

    JdbcTokenStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Token> tokens(Jid user, String agent) {
        return jdbc.query("SELECT slot, token_hash, mechanism, expires_at FROM fast_token"
                        + " WHERE host = ? AND username = ? AND agent = ?",
                row -> new Token(Slot.valueOf(row.getString(1).toUpperCase(Locale.ROOT)),
                        Base64.getDecoder().decode(row.getString(2)), row.getString(3), Jdbc.instant(row, 4)),
                user.domain(), user.local(), agent);
    }

    @Override
    public void issue(Jid user, String agent, Token token, Instant now) {
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM fast_token WHERE host = ? AND username = ? AND (agent = ? AND slot = 'next'"
                    + " OR expires_at <= ?)", user.domain(), user.local(), agent, now);
            return tx.update("INSERT INTO fast_token (host, username, agent, slot, token_hash, mechanism, expires_at)"
                            + " VALUES (?, ?, ?, 'next', ?, ?, ?)", user.domain(), user.local(), agent,
                    Base64.getEncoder().encodeToString(token.hash()), token.mechanism(), token.expires());
        });
    }

    @Override
    public void promote(Jid user, String agent) {
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM fast_token WHERE host = ? AND username = ? AND agent = ? AND slot = 'current'",
                    user.domain(), user.local(), agent);
            return tx.update("UPDATE fast_token SET slot = 'current' WHERE host = ? AND username = ? AND agent = ?"
                    + " AND slot = 'next'", user.domain(), user.local(), agent);
        });
    }

    @Override
    public void delete(Jid user, String agent) {
        jdbc.update("DELETE FROM fast_token WHERE host = ? AND username = ? AND agent = ?",
                user.domain(), user.local(), agent);
    }

    @Override
    public void deleteAll(Jid user) {
        jdbc.update("DELETE FROM fast_token WHERE host = ? AND username = ?", user.domain(), user.local());
    }
}
