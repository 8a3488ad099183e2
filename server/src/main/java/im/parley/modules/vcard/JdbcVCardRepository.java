package im.parley.modules.vcard;

import im.parley.store.Jdbc;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Optional;

/** {@link VCardRepository} in the {@code vcard} table (db/vcard). */
public final class JdbcVCardRepository implements VCardRepository {
    /** Longest field value the search columns hold; longer values are cut there (the XML keeps them whole). */
    private static final int MAX_FIELD = 1023;

    private final Jdbc jdbc;

    public JdbcVCardRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> load(Jid user) {
        return first(jdbc.query("SELECT xml FROM vcard WHERE host = ? AND username = ?", row -> row.getString(1),
                user.domain(), user.local()));
    }

    @Override
    public Optional<String> photoHash(Jid user) {
        return first(jdbc.query("SELECT photo_hash FROM vcard WHERE host = ? AND username = ?",
                row -> row.getString(1), user.domain(), user.local()));
    }

    @Override
    public void save(Jid user, VCard vcard, String xml) {
        VCard.Fields f = vcard.fields();
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM vcard WHERE host = ? AND username = ?", user.domain(), user.local());
            // Selecting from account inserts nothing for an account deleted meanwhile.
            return tx.update("INSERT INTO vcard (host, username, xml, photo_hash, fn, given, family, nickname, email)"
                    + " SELECT host, username, ?, ?, ?, ?, ?, ?, ? FROM account WHERE host = ? AND username = ?",
                    xml, vcard.photoHash(), cut(f.fn()), cut(f.given()), cut(f.family()), cut(f.nickname()),
                    cut(f.email()), user.domain(), user.local());
        });
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_FIELD ? value : value.substring(0, MAX_FIELD);
    }

    /** The first row's value, which may itself be null (no photo). */
    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }
}
