package im.parley.account;

import im.parley.auth.ScramCredential;
import im.parley.auth.ScramHash;
import im.parley.store.DuplicateKeyException;
import im.parley.store.Jdbc;
import im.parley.xmpp.Jid;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AccountRepository} over the {@code account} and {@code scram_credential} tables (db/account). */
public final class JdbcAccountRepository implements AccountRepository {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private final Jdbc jdbc;

    public JdbcAccountRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean create(Jid user, Map<ScramHash, ScramCredential> credentials) {
        try {
            return jdbc.inTransaction(tx -> {
                tx.update("INSERT INTO account (host, username) VALUES (?, ?)", user.domain(), user.local());
                insertCredentials(tx, user, credentials);
                return true;
            });
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public boolean delete(Jid user) {
        // scram_credential rows go with it: ON DELETE CASCADE.
        return jdbc.update("DELETE FROM account WHERE host = ? AND username = ?", user.domain(), user.local()) > 0;
    }

    @Override
    public boolean exists(Jid user) {
        return jdbc.exists("SELECT 1 FROM account WHERE host = ? AND username = ?", user.domain(), user.local());
    }

    @Override
    public List<Jid> list(String host) {
        return jdbc.query("SELECT username FROM account WHERE host = ? ORDER BY username",
                row -> Jid.of(row.getString(1), host, null), host);
    }

    @Override
    public List<Jid> find(String host, String text, int offset, int limit) {
        return jdbc.query("SELECT username FROM account WHERE host = ? AND username LIKE ?" + Jdbc.LIKE_ESCAPE
                + " ORDER BY username OFFSET ? ROWS FETCH FIRST ? ROWS ONLY",
                row -> Jid.of(row.getString(1), host, null), host, Jdbc.containsPattern(text), offset, limit);
    }

    @Override
    public int count(String host, String text) {
        return jdbc.query("SELECT COUNT(*) FROM account WHERE host = ? AND username LIKE ?" + Jdbc.LIKE_ESCAPE,
                row -> row.getInt(1), host, Jdbc.containsPattern(text)).getFirst();
    }

    @Override
    public Map<ScramHash, ScramCredential> credentials(Jid user) {
        Map<ScramHash, ScramCredential> byHash = new EnumMap<>(ScramHash.class);
        jdbc.query("SELECT hash, salt, iterations, stored_key, server_key FROM scram_credential"
                + " WHERE host = ? AND username = ?", JdbcAccountRepository::credential, user.domain(), user.local())
                .forEach(credential -> byHash.put(credential.hash(), credential));
        return byHash;
    }

    @Override
    public Optional<ScramCredential> credential(Jid user, ScramHash hash) {
        // One row, not the account's every row: a login reads the credential of its mechanism only.
        return jdbc.query("SELECT hash, salt, iterations, stored_key, server_key FROM scram_credential"
                + " WHERE host = ? AND username = ? AND hash = ?", JdbcAccountRepository::credential,
                user.domain(), user.local(), hash.name())
                .stream().findFirst();
    }

    @Override
    public boolean replaceCredentials(Jid user, Map<ScramHash, ScramCredential> credentials) {
        return jdbc.inTransaction(tx -> {
            if (!tx.exists("SELECT 1 FROM account WHERE host = ? AND username = ?", user.domain(), user.local())) {
                return false;
            }
            tx.update("DELETE FROM scram_credential WHERE host = ? AND username = ?", user.domain(), user.local());
            insertCredentials(tx, user, credentials);
            return true;
        });
    }

    private static void insertCredentials(Jdbc tx, Jid user, Map<ScramHash, ScramCredential> credentials) {
        for (ScramCredential c : credentials.values()) {
            tx.update("INSERT INTO scram_credential (host, username, hash, salt, iterations, stored_key, server_key)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    user.domain(), user.local(), c.hash().name(), BASE64.encodeToString(c.salt()), c.iterations(),
                    BASE64.encodeToString(c.storedKey()), BASE64.encodeToString(c.serverKey()));
        }
    }

    private static ScramCredential credential(ResultSet row) throws SQLException {
        return new ScramCredential(
                ScramHash.valueOf(row.getString("hash")),
                BASE64_DECODER.decode(row.getString("salt")),
                row.getInt("iterations"),
                BASE64_DECODER.decode(row.getString("stored_key")),
                BASE64_DECODER.decode(row.getString("server_key")));
    }
}
