package im.parley.modules.muc;

import im.parley.config.ConfigSection;

/**
 * Multi-User Chat ({@code muc:} section).
 *
 * @param domain the service's subdomain: rooms live at {@code room@<domain>.<host>} for every hosted domain
 * @param occupantsPerRoom the most occupants a room takes; one more is refused {@code service-unavailable} (§7.2.10)
 * @param roomsPerUser the most rooms one account may have created that still exist; creating
 *     another is refused {@code not-allowed} (§10.1.1)
 * @param historyLength how many recent messages a room keeps for the discussion history sent on join (§7.2.14)
 * @param messagesPerSecond the messages (groupchat and private) an occupant may send a second on average,
 *     twice that at once; one more is refused {@code resource-constraint} (type wait); 0 for no limit
 */
public record MucConfig(String domain, int occupantsPerRoom, int roomsPerUser, int historyLength, int messagesPerSecond) {
    public static MucConfig read(ConfigSection s) {
        String domain = s.string("domain", "conference");
        return s.section("limits", limits -> new MucConfig(domain,
                limits.integer("occupants-per-room", 200, 1, 100_000),
                limits.integer("rooms-per-user", 100, 0, 10_000),
                limits.integer("history-length", 20, 0, 1_000),
                limits.integer("messages-per-second", 10, 0, 10_000)));
    }
}
