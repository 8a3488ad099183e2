package im.parley.modules.privacy;

import im.parley.store.Jdbc;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's "refuse messages from strangers" choice, in the {@code privacy_setting} table (V4).
 * Only users who chose differ from the configured default, and they are few, so all choices are
 * held in memory: the check on every message then costs no query.
 */
public final class StrangerSettings {
    private final Jdbc jdbc;
    private final boolean refuseByDefault;
    private final Map<String, Boolean> chosen = new ConcurrentHashMap<>();

    public StrangerSettings(Jdbc jdbc, boolean refuseByDefault) {
        this.jdbc = jdbc;
        this.refuseByDefault = refuseByDefault;
        for (Map.Entry<String, Boolean> choice : jdbc.query("SELECT username, refuse_strangers FROM privacy_setting",
                row -> Map.entry(row.getString(1), row.getBoolean(2)))) {
            chosen.put(choice.getKey(), choice.getValue());
        }
    }

    public boolean refusesStrangers(String username) {
        return chosen.getOrDefault(username, refuseByDefault);
    }

    public void setRefuseStrangers(String username, boolean refuse) {
        chosen.compute(username, (user, previous) -> {
            // Update first: most writes change an existing choice; a first choice inserts.
            if (jdbc.update("UPDATE privacy_setting SET refuse_strangers = ? WHERE username = ?", refuse, user) == 0) {
                jdbc.update("INSERT INTO privacy_setting (username, refuse_strangers) VALUES (?, ?)", user, refuse);
            }
            return refuse;
        });
    }

    /** Forgets a deleted account's choice (its row goes with the account). */
    public void forget(String username) {
        chosen.remove(username);
    }
}
