package im.parley.auth;

/** The attribute syntax shared by SCRAM messages (RFC 5802 §5.1 and §7). */
final class ScramAttributes {
    private ScramAttributes() {
    }

    /** The value of a {@code name=value} field, which must carry the expected attribute name. */
    static String value(String field, char name) throws MalformedSaslMessage {
        if (field.length() < 2 || field.charAt(0) != name || field.charAt(1) != '=') {
            throw new MalformedSaslMessage("expected attribute '" + name + "'");
        }
        return field.substring(2);
    }

    /** Decodes a saslname: "," and "=" travel as "=2C" and "=3D"; any other "=" is invalid. */
    static String saslName(String encoded) throws MalformedSaslMessage {
        StringBuilder decoded = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '=') {
                decoded.append(escaped(encoded, i));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        if (decoded.isEmpty()) {
            throw new MalformedSaslMessage("empty name");
        }
        return decoded.toString();
    }

    private static char escaped(String encoded, int at) throws MalformedSaslMessage {
        if (encoded.startsWith("=2C", at)) {
            return ',';
        }
        if (encoded.startsWith("=3D", at)) {
            return '=';
        }
        throw new MalformedSaslMessage("invalid '=' escape in name");
    }

    /** A nonce is one or more printable ASCII characters other than ",". */
    static String nonce(String value) throws MalformedSaslMessage {
        if (value.isEmpty()) {
            throw new MalformedSaslMessage("empty nonce");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new MalformedSaslMessage("nonce contains a non-printable character");
            }
        }
        return value;
    }

    /** A cb-name is one or more of ALPHA, DIGIT, "." and "-" (RFC 5056 §7). */
    static String channelBindingName(String value) throws MalformedSaslMessage {
        if (value.isEmpty() || !value.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
            throw new MalformedSaslMessage("invalid channel-binding name");
        }
        return value;
    }
}
