package im.parley.modules.offline;

import im.parley.config.ConfigSection;

/**
 * Offline message storage, XEP-0160 ({@code offline:} section).
 *
 * @param maxMessagesPerUser most messages kept for one user; further ones are bounced with
 *     {@code resource-constraint} until the user comes online and receives them
 */
public record OfflineConfig(int maxMessagesPerUser) {

    public static OfflineConfig read(ConfigSection s) {
        return new OfflineConfig(s.integer("max-messages-per-user", 1000, 1, Integer.MAX_VALUE));
    }
}
