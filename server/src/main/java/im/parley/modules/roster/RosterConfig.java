package im.parley.modules.roster;

import im.parley.config.ConfigSection;

/** Roster limits ({@code roster:} section). */
public record RosterConfig(int maxItems) {

    /** {@code max-items}: the most contacts one roster may hold (RFC 6121 §2.4.3 lets a server cap it). */
    public static RosterConfig read(ConfigSection s) {
        return new RosterConfig(s.integer("max-items", 1000, 1, Integer.MAX_VALUE));
    }
}
