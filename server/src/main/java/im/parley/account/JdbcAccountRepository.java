package im.parley.account;

import im.parley.auth.ScramCredential;
import im.parley.auth.ScramHash;
import im.parley.store.DuplicateKeyException;
import im.parley.store.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AccountRepository} over the {@code account} and {@code scram_credential} tables (V1__accounts.sql). */
public final class JdbcAccountRepository implements AccountRepository {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private final Jdbc jdbc;

    public JdbcAccountRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean create(String username, Map<ScramHash, ScramCredential> credentials) {
        try {
            return jdbc.inTransaction(tx -> {
                tx.update("INSERT INTO account (username) VALUES (?)", username);
                insertCredentials(tx, username, credentials);
                return true;
            });
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public boolean delete(String username) {
        // scram_credential rows go with it: ON DELETE CASCADE.
        return jdbc.update("DELETE FROM account WHERE username = ?", username) > 0;
    }

    @Override
    public boolean exists(String username) {
        return jdbc.exists("SELECT 1 FROM account WHERE username = ?", username);
    }

    @Override
    public List<String> list() {
        return jdbc.query("SELECT username FROM account ORDER BY username", row -> row.getString(1));
    }

    @Override
    public Map<ScramHash, ScramCredential> credentials(String username) {
        Map<ScramHash, ScramCredential> byHash = new EnumMap<>(ScramHash.class);
        jdbc.query("SELECT hash, salt, iterations, stored_key, server_key FROM scram_credential WHERE username = ?",
                JdbcAccountRepository::credential, username)
                .forEach(credential -> byHash.put(credential.hash(), credential));
        return byHash;
    }

    @Override
    public Optional<ScramCredential> credential(String username, ScramHash hash) {
        // One row, not the account's every row: a login reads the credential of its mechanism only.
        return jdbc.query("SELECT hash, salt, iterations, stored_key, server_key FROM scram_credential"
                + " WHERE username = ? AND hash = ?", JdbcAccountRepository::credential, username, hash.name())
                .stream().findFirst();
    }

    @Override
    public boolean replaceCredentials(String username, Map<ScramHash, ScramCredential> credentials) {
        return jdbc.inTransaction(tx -> {
            if (!tx.exists("SELECT 1 FROM account WHERE username = ?", username)) {
                return false;
            }
            tx.update("DELETE FROM scram_credential WHERE username = ?", username);
            insertCredentials(tx, username, credentials);
            return true;
        });
    }

    private static void insertCredentials(Jdbc tx, String username, Map<ScramHash, ScramCredential> credentials) {
        for (ScramCredential c : credentials.values()) {
            tx.update("INSERT INTO scram_credential (username, hash, salt, iterations, stored_key, server_key)"
                    + " VALUES (?, ?, ?, ?, ?, ?)",
                    username, c.hash().name(), BASE64.encodeToString(c.salt()), c.iterations(),
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
