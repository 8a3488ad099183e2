package im.parley.xml;

/**
 * Bounds on what one XML stream may make the parser hold, so that a hostile peer cannot exhaust
 * memory or stack (RFC 6120 §13.12 and its {@code policy-violation} stream error).
 *
 * @param maxStanzaBytes largest first-level element (stanza, {@code <auth/>}...) in bytes as
 *     received, markup included; also bounds the stream header with any XML declaration before it,
 *     and so every text node and attribute value
 * @param maxDepth deepest element nesting below the stream header; a stanza itself is depth 1
 * @param maxAttributes most attributes on one element, namespace declarations included
 */
public record XmlLimits(int maxStanzaBytes, int maxDepth, int maxAttributes) {
    /** 256 KiB: far above any legitimate stanza, small enough that thousands of peers fit in heap. */
    public static final int DEFAULT_MAX_STANZA_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 32;
    public static final int DEFAULT_MAX_ATTRIBUTES = 64;

    public XmlLimits {
        requirePositive(maxStanzaBytes, "maxStanzaBytes");
        requirePositive(maxDepth, "maxDepth");
        requirePositive(maxAttributes, "maxAttributes");
    }

    public static XmlLimits defaults() {
        return new XmlLimits(DEFAULT_MAX_STANZA_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ATTRIBUTES);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
