package im.parley.modules.mam.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The hash chain that makes an export tamper-evident. Every line is a JSON object whose first
 * member is {@code prev}, the {@code hash} of the line before it ({@link #GENESIS} for the first
 * line), and whose last member is {@code hash}: the SHA-256, in lower-case hex, of the line's
 * canonical form, which is the line exactly as written with that last member cut off, i.e. the
 * line with its final {@code ,"hash":"<64 hex digits>"} removed, encoded in UTF-8. Since the
 * canonical form holds {@code prev}, changing, removing, inserting or reordering a line breaks a
 * hash or the chain at that line; removing lines at the end changes the last hash, which the export
 * prints for the auditor to keep.
 */
public final class HashChain {
    /** The {@code prev} of the first line: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);
    private static final String HASH_MEMBER = ",\"hash\":\"";
    private static final Pattern SEALED = Pattern.compile(".*,\"hash\":\"[0-9a-f]{64}\"}", Pattern.DOTALL);

    private String head = GENESIS;

    /** The hash of the last line sealed, or {@link #GENESIS} before the first. */
    public String head() {
        return head;
    }

    /**
     * Completes a line: {@code open} is the object from its opening brace, whose first member is
     * {@code "prev":"<head()>"}, up to but without its closing brace.
     */
    String seal(CharSequence open) {
        String canonical = open + "}";
        head = sha256(canonical);
        return open + HASH_MEMBER + head + "\"}";
    }

    /** The canonical form of a written line, or null when it does not end with a {@code hash} member. */
    static String canonical(String line) {
        if (!SEALED.matcher(line).matches()) {
            return null;
        }
        return line.substring(0, line.lastIndexOf(HASH_MEMBER)) + "}";
    }

    static String sha256(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
