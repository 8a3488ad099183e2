package im.parley.modules.privatexml;

import im.parley.config.ConfigSection;

/**
 * Private XML storage ({@code private-storage:} section).
 *
 * @param maxBytes largest total of one user's stored fragments, as UTF-8 XML text
 */
public record PrivateXmlConfig(int maxBytes) {
    public static PrivateXmlConfig read(ConfigSection s) {
        return new PrivateXmlConfig(s.integer("max-bytes", 256 * 1024, 1, Integer.MAX_VALUE));
    }
}
