package im.parley.modules.vcard;

import im.parley.config.ConfigSection;

/**
 * vCards ({@code vcard:} section).
 *
 * @param maxBytes largest vCard a user may store, as UTF-8 XML text (a photo included)
 */
public record VCardConfig(int maxBytes) {
    public static VCardConfig read(ConfigSection s) {
        return new VCardConfig(s.integer("max-bytes", 64 * 1024, 1, Integer.MAX_VALUE));
    }
}
