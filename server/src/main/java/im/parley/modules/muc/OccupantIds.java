package im.parley.modules.muc;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Occupant identifiers (XEP-0421): an HMAC-SHA-256 of the occupant's real bare JID under a random
 * key of the room's own, so the id is stable for a user in that room (the key of a persistent
 * room is stored with it), differs between rooms, and cannot be computed from a guessed JID.
 */
final class OccupantIds {
    static final String NS = "urn:xmpp:occupant-id:0";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final byte[] key;

    private OccupantIds(byte[] key) {
        this.key = key;
    }

    /** A new room's: a fresh random key. */
    static OccupantIds fresh() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new OccupantIds(key);
    }

    /** A stored room's, from {@link #key()}. */
    static OccupantIds of(String key) {
        return new OccupantIds(DECODE.decode(key));
    }

    /** The key as stored (base64url). */
    String key() {
        return BASE64URL.encodeToString(key);
    }

    String of(Jid real) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return BASE64URL.encodeToString(mac.doFinal(real.bare().toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static Element element(String id) {
        return Element.builder("occupant-id", NS).attribute("id", id).build();
    }

    /** A stanza's payload without any occupant-id its sender put there (§4: the room replaces it). */
    static Element withoutClaims(Element stanza) {
        return stanza.withoutChildren(child -> child.is("occupant-id", NS));
    }
}
