package im.parley.modules.vcard;

import im.parley.store.Jdbc;
import java.util.List;
import java.util.Optional;

/**
 * The {@code vcard} table (V5__profiles.sql): each user's vCard as XML text, with its avatar
 * hash and searchable fields kept alongside so that presence and search need not parse it.
 */
public final class VCardStore {
    /** Longest field value the search columns hold; longer values are cut there (the XML keeps them whole). */
    private static final int MAX_FIELD = 1023;

    private final Jdbc jdbc;

    public VCardStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> load(String username) {
        return first(jdbc.query("SELECT xml FROM vcard WHERE username = ?", row -> row.getString(1), username));
    }

    /** The avatar hash of the stored vCard, empty when there is no vCard or it has no photo. */
    public Optional<String> photoHash(String username) {
        return first(jdbc.query("SELECT photo_hash FROM vcard WHERE username = ?", row -> row.getString(1), username));
    }

    /** Replaces the user's vCard; stores nothing if the account no longer exists. */
    public void save(String username, VCard vcard, String xml) {
        VCard.Fields f = vcard.fields();
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM vcard WHERE username = ?", username);
            // Selecting from account inserts nothing for an account deleted meanwhile.
            return tx.update("INSERT INTO vcard (username, xml, photo_hash, fn, given, family, nickname, email)"
                    + " SELECT username, ?, ?, ?, ?, ?, ?, ? FROM account WHERE username = ?",
                    xml, vcard.photoHash(), cut(f.fn()), cut(f.given()), cut(f.family()), cut(f.nickname()),
                    cut(f.email()), username);
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
