package im.parley.config;

/** Protective limits on what a client may send ({@code limits:} section). */
public record LimitsConfig(int maxStanzaBytes, int maxDepth, int maxAttributes, int maxAuthFailures) {
    /** RFC 6120 §13.12: a server must accept stanzas of at least 10000 bytes. */
    private static final int MIN_STANZA_BYTES = 10_000;

    static LimitsConfig read(ConfigSection s) {
        return new LimitsConfig(
                s.integer("max-stanza-bytes", 262_144, MIN_STANZA_BYTES, Integer.MAX_VALUE),
                s.integer("max-depth", 32, 1, Integer.MAX_VALUE),
                s.integer("max-attributes", 64, 1, Integer.MAX_VALUE),
                s.integer("max-auth-failures", 3, 1, Integer.MAX_VALUE));
    }
}
