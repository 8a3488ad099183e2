package im.parley.modules.mam.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Checks an export (README "Archive export"): every line's hash against its canonical form, and
 * every line's {@code prev} against the hash of the line before it; stops at the first line that
 * fails. Lines end with {@code \n}; each must be strict UTF-8.
 */
public final class ExportVerifier {
    private ExportVerifier() {
    }

    /**
     * The outcome: how many lines passed and the last good hash; when a line failed, its number
     * (from 1) and why, else 0 and null.
     */
    public record Result(long lines, String head, long brokenLine, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** Reads the export from {@code in} (buffered by the caller) to its end or its first bad line. */
    public static Result verify(InputStream in) throws IOException {
        String head = HashChain.GENESIS;
        long number = 0;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (readLine(in, bytes)) {
            number++;
            String problem;
            Map<String, String> members = null;
            try {
                String line = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
                members = JsonText.readFlatObject(line);
                problem = problem(line, members, head);
            } catch (CharacterCodingException e) {
                problem = "not JSON: not UTF-8";
            } catch (IllegalArgumentException e) {
                problem = "not JSON: " + e.getMessage();
            }
            if (problem != null) {
                return new Result(number - 1, head, number, problem);
            }
            head = members.get("hash");
        }
        return new Result(number, head, 0, null);
    }

    /** Reads up to the next {@code \n} (left out) into {@code line}; false at the end of the input. */
    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        line.reset();
        int b = in.read();
        if (b < 0) {
            return false;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        return true;
    }

    /** Why this line does not follow a line whose hash is {@code head}; null when it does. */
    private static String problem(String line, Map<String, String> members, String head) {
        String canonical = HashChain.canonical(line);
        if (canonical == null || members.get("prev") == null || !line.startsWith("{\"prev\":")) {
            return "not an export line: it must begin with a \"prev\" member and end with a \"hash\" member";
        }
        String hash = HashChain.sha256(canonical);
        if (!hash.equals(members.get("hash"))) {
            return "hash mismatch: the line's content hashes to " + hash + ", not to its \"hash\" "
                    + members.get("hash");
        }
        if (!head.equals(members.get("prev"))) {
            return "chain broken: \"prev\" is " + members.get("prev") + ", the hash of the line before is " + head
                    + (head.equals(HashChain.GENESIS) ? " (the genesis value)" : "");
        }
        return null;
    }
}
