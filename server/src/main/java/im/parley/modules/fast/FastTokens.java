package im.parley.modules.fast;

import im.parley.module.HostSettings;
import im.parley.modules.fast.TokenStore.Slot;
import im.parley.modules.fast.TokenStore.Token;
import im.parley.xmpp.Jid;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issuing, checking and rotating FAST tokens (XEP-0484) with the XEP's two slots per client:
 * a new token goes to 'next', a client that uses it moves it to 'current' (the old one is then
 * gone), and until then 'current' still works, so a client that lost the {@code <success/>}
 * carrying a new token can still log in.
 *
 * <p>Only the token's SHA-256 is stored. A token is 72 random bytes in base64url, 96 characters:
 * longer than HMAC-SHA-256's 64-byte block, so HMAC uses SHA-256(token) as its key (RFC 2104 §2),
 * and the stored hash is all the check needs. That hash still authenticates as the token would
 * (any verifier of a MAC must hold its key); what it spares is the token itself.
 */
final class FastTokens {
    private static final Logger log = LoggerFactory.getLogger(FastTokens.class);
    private static final int TOKEN_BYTES = 72;
    private static final byte[] INITIATOR = "Initiator".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONDER = "Responder".getBytes(StandardCharsets.US_ASCII);

    /** What checking a token found. */
    sealed interface Verified {
        /** @param responder the server's answer, HMAC(token, "Responder" || cb-data) */
        record Valid(byte[] responder) implements Verified {
        }

        record Expired() implements Verified {
        }

        record Invalid() implements Verified {
        }
    }

    /** A token just issued: the secret, given to the client once, and when it expires. */
    record Issued(String token, Instant expires) {
    }

    private final TokenStore store;
    private final HostSettings<FastConfig> settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    FastTokens(TokenStore store, HostSettings<FastConfig> settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Checks an initiator hash against the client's 'next' token, then its 'current' one; the
     * token must have been issued for {@code mechanism} and not have expired. Using 'next' makes it
     * 'current'; with {@code invalidate}, the client's tokens are deleted once this one matched.
     */
    Verified verify(Jid user, String agent, String mechanism, byte[] proof, byte[] channelBinding, boolean invalidate) {
        Instant now = clock.instant();
        List<Token> tokens = store.tokens(user, agent).stream()
                .sorted(Comparator.comparing(t -> t.slot() != Slot.NEXT)).toList();
        for (Token token : tokens) {
            if (!token.mechanism().equals(mechanism)
                    || !MessageDigest.isEqual(hmac(token.hash(), INITIATOR, channelBinding), proof)) {
                continue;
            }
            if (!token.expires().isAfter(now)) {
                log.info("Expired FAST token of {} for agent {}", user, agent);
                return new Verified.Expired();
            }
            if (invalidate) {
                store.delete(user, agent);
                log.info("FAST tokens of {} for agent {} invalidated at the client's request", user, agent);
            } else if (token.slot() == Slot.NEXT) {
                store.promote(user, agent);
            }
            return new Verified.Valid(hmac(token.hash(), RESPONDER, channelBinding));
        }
        log.info("No FAST token of {} for agent {} matches ({})", user, agent, mechanism);
        return new Verified.Invalid();
    }

    /** Issues a token for {@code mechanism} into the client's 'next' slot (replacing an unused one). */
    Issued issue(Jid user, String agent, String mechanism) {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expires = now.plus(settings.of(user.domain()).tokenLifetime()).truncatedTo(ChronoUnit.SECONDS);
        store.issue(user, agent, new Token(Slot.NEXT, sha256(token), mechanism, expires), now);
        return new Issued(token, expires);
    }

    /** Whether the client's token in use, just used, is near enough its expiry to be replaced. */
    boolean dueForRotation(Jid user, String agent) {
        Instant threshold = clock.instant().plus(settings.of(user.domain()).rotateWhenLeft());
        return store.tokens(user, agent).stream()
                .anyMatch(t -> t.slot() == Slot.CURRENT && t.expires().isBefore(threshold));
    }

    void deleteAll(Jid user) {
        store.deleteAll(user);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** HMAC-SHA-256 keyed with the token's hash, which is the token's own HMAC key (see the class comment). */
    private static byte[] hmac(byte[] tokenHash, byte[] label, byte[] channelBinding) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenHash, "HmacSHA256"));
            mac.update(label);
            return mac.doFinal(channelBinding);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
