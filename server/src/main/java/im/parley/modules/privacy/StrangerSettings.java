package im.parley.modules.privacy;

import im.parley.store.Jdbc;
import im.parley.store.ReadThroughCache;

/**
 * Each user's "refuse messages from strangers" choice, in the {@code privacy_setting} table (V4),
 * read through a cache: every message to a local user asks for the recipient's choice.
 */
public final class StrangerSettings {
    /** Users whose choice is kept; past this the least used go first. */
    private static final int MAX_CACHED_USERS = 100_000;

    private final Jdbc jdbc;
    private final ReadThroughCache<String, Boolean> refusing;

    public StrangerSettings(Jdbc jdbc, boolean refuseByDefault) {
        this.jdbc = jdbc;
        this.refusing = new ReadThroughCache<>(MAX_CACHED_USERS, user -> jdbc.query(
                "SELECT refuse_strangers FROM privacy_setting WHERE username = ?", row -> row.getBoolean(1), user)
                .stream().findFirst().orElse(refuseByDefault));
    }

    public boolean refusesStrangers(String username) {
        return refusing.get(username);
    }

    public void setRefuseStrangers(String username, boolean refuse) {
        refusing.write(username, previous -> {
            // Update first: most writes change an existing choice; a first choice inserts.
            if (jdbc.update("UPDATE privacy_setting SET refuse_strangers = ? WHERE username = ?", refuse, username) == 0) {
                jdbc.update("INSERT INTO privacy_setting (username, refuse_strangers) VALUES (?, ?)", username, refuse);
            }
            return refuse;
        });
    }

    /** Forgets a deleted account's choice (its row goes with the account). */
    public void forget(String username) {
        refusing.invalidate(username);
    }
}
