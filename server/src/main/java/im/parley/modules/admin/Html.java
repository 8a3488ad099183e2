package im.parley.modules.admin;

import im.parley.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The web admin page's HTML: escaping for text and attribute values, and its one style sheet,
 * inline and allowed by its hash in the Content-Security-Policy, which allows nothing else: no
 * script, no image, no frame, no resource from anywhere, forms only to this server.
 */
final class Html {
    static final String STYLE = "body{font-family:sans-serif;margin:0 auto;max-width:70em;padding:1em}"
            + "nav form{display:inline}nav a{margin-right:1em}table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
            + "td form{display:inline}.notice{background:#eef;padding:.5em}.error{background:#fee;padding:.5em}";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private Html() {
    }

    /**
     * Text or an attribute value (quoted with '"' or "'") as HTML shows it, whatever characters it
     * has: XML's attribute escaping, whose references HTML5 reads the same.
     */
    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        XmlWriter.escapeAttribute(text, out);
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
