package im.parley.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a stream offered for authentication: the SASL mechanisms and the XEP-0440 channel-binding
 * types (empty when {@code <sasl-channel-binding/>} was not sent). A SCRAM exchange signs it with
 * the XEP-0474 downgrade protection hash, so that a client can tell a list a man in the middle
 * shortened from one the server really sent.
 */
public record Advertisement(List<String> mechanisms, List<String> channelBindings) {
    /** XEP-0474 §6.1: sorting is by "i;octet" collation (RFC 4790 §9.3), the names' bytes unsigned. */
    private static final Comparator<String> OCTETS = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    private static final String VALUE_DELIMITER = "\u001e";
    private static final String LIST_DELIMITER = "\u001f";

    public Advertisement {
        mechanisms = List.copyOf(mechanisms);
        channelBindings = List.copyOf(channelBindings);
    }

    /**
     * XEP-0474 (0.5.0) §6.1, the value of the server-first-message's "h" attribute: the sorted
     * mechanisms joined by %x1E, then, if channel-binding types were advertised, %x1F and the
     * sorted types joined by %x1E; hashed with the SCRAM mechanism's own hash, in base64.
     */
    String downgradeProtectionHash(ScramHash hash) {
        StringBuilder s = new StringBuilder(String.join(VALUE_DELIMITER, sorted(mechanisms)));
        if (!channelBindings.isEmpty()) {
            s.append(LIST_DELIMITER).append(String.join(VALUE_DELIMITER, sorted(channelBindings)));
        }
        return SaslText.base64(hash.digest(s.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted(OCTETS).toList();
    }
}
