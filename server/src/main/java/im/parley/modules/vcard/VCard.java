package im.parley.modules.vcard;

import im.parley.xml.Element;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A vCard (XEP-0054) and the values other features read from it: the searchable fields of the
 * user directory (XEP-0055) and the avatar hash advertised in presence (XEP-0153).
 */
public record VCard(Element element) {
    public static final String NAMESPACE = "vcard-temp";

    /** The searchable values; each null when the vCard leaves it out or empty. */
    public record Fields(String fn, String given, String family, String nickname, String email) {
    }

    public Fields fields() {
        Element n = child(element, "N");
        Element email = child(element, "EMAIL");
        return new Fields(text(element, "FN"), text(n, "GIVEN"), text(n, "FAMILY"), text(element, "NICKNAME"),
                text(email, "USERID"));
    }

    /**
     * The lower-case hex SHA-1 of the photo's binary data (XEP-0153 §3.1), or null when the vCard
     * has no photo data. Whitespace in the Base64 text is ignored (§3.7); data that is not Base64
     * has no hash.
     */
    public String photoHash() {
        String binval = text(child(element, "PHOTO"), "BINVAL");
        if (binval == null) {
            return null;
        }
        byte[] image;
        try {
            image = Base64.getMimeDecoder().decode(binval.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return image.length == 0 ? null : HexFormat.of().formatHex(sha1(image));
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static Element child(Element parent, String name) {
        return parent == null ? null : parent.child(name, NAMESPACE);
    }

    /** The trimmed text of a child, or null when absent or blank. */
    private static String text(Element parent, String name) {
        Element child = child(parent, name);
        if (child == null) {
            return null;
        }
        String text = child.text().strip();
        return text.isEmpty() ? null : text;
    }
}
