package im.parley.xmpp;

/** Result set management (XEP-0059): what every paged answer reads the same way. */
public final class ResultSets {
    public static final String NAMESPACE = "http://jabber.org/protocol/rsm";

    private ResultSets() {
    }

    /**
     * The page size a {@code <max/>} asks for (its text, null when absent: null); throws
     * {@link IllegalArgumentException} for anything but a non-negative integer (bad-request).
     */
    public static Integer max(String value) {
        if (value == null) {
            return null;
        }
        try {
            int max = Integer.parseInt(value.strip());
            if (max >= 0) {
                return max;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("RSM 'max' is a non-negative integer: " + value);
    }
}
