package im.parley.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Strict decoding of the text inside SASL messages: invalid input is rejected, never repaired. */
final class SaslText {
    private SaslText() {
    }

    /** Decodes UTF-8, failing on malformed sequences instead of substituting U+FFFD. */
    static String utf8(byte[] data) throws MalformedSaslMessage {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedSaslMessage("invalid UTF-8");
        }
    }

    static byte[] base64(String text, String what) throws MalformedSaslMessage {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedSaslMessage("invalid base64 in " + what);
        }
    }

    static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
