package im.parley.modules.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import im.parley.xmpp.Jid;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The web admin page's logins: a random token per login (the session cookie), with its own
 * random CSRF token for the forms, ending after {@link #IDLE} without a request or after
 * {@link #LIFETIME} in any case; and the failed logins of each client address: after
 * {@link #MAX_FAILURES}, each within {@link #FAILURE_WINDOW} of the one before, the address may
 * not try again until that long has passed since its last failure.
 */
final class WebLogins {
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration LIFETIME = Duration.ofHours(8);
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    /** 256 bits, as unguessable as the session keys TLS uses. */
    private static final int TOKEN_BYTES = 32;

    /** One admin's login. {@code notice} is what the next page shows (the outcome of the last form), once. */
    static final class Login {
        private final Jid admin;
        private final String csrf;
        private final Instant expires;
        private volatile String notice;

        private Login(Jid admin, String csrf, Instant expires) {
            this.admin = admin;
            this.csrf = csrf;
            this.expires = expires;
        }

        Jid admin() {
            return admin;
        }

        String csrf() {
            return csrf;
        }

        /** Whether a submitted form carries this login's CSRF token; compared in constant time. */
        boolean csrfMatches(String submitted) {
            return submitted != null && same(csrf, submitted);
        }

        void notice(String text) {
            notice = text;
        }

        /** The notice, taken: a page shows it once. */
        String takeNotice() {
            String text = notice;
            notice = null;
            return text;
        }
    }

    private final Cache<String, Login> logins = Caffeine.newBuilder().expireAfterAccess(IDLE).maximumSize(10_000).build();
    private final Cache<String, Integer> failures = Caffeine.newBuilder().expireAfterWrite(FAILURE_WINDOW)
            .maximumSize(100_000).build();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    WebLogins(Clock clock) {
        this.clock = clock;
    }

    /** Starts a login for {@code admin}; returns its token, for the session cookie. */
    String start(Jid admin) {
        String token = token();
        logins.put(token, new Login(admin.bare(), token(), clock.instant().plus(LIFETIME)));
        return token;
    }

    /** The login of this session cookie, or null when there is none (never was, ended, expired). */
    Login find(String token) {
        if (token == null) {
            return null;
        }
        Login login = logins.getIfPresent(token);
        if (login != null && !clock.instant().isBefore(login.expires)) {
            logins.invalidate(token);
            return null;
        }
        return login;
    }

    void end(String token) {
        logins.invalidate(token);
    }

    /** Ends the logins of an account whose password changed or which was deleted. */
    void forget(Jid account) {
        logins.asMap().values().removeIf(login -> login.admin.equals(account.bare()));
    }

    /** Whether {@code address} failed too often lately to be let try again. */
    boolean lockedOut(String address) {
        Integer failed = failures.getIfPresent(address);
        return failed != null && failed >= MAX_FAILURES;
    }

    /** Counts a failed login from {@code address}. */
    void failed(String address) {
        failures.asMap().merge(address, 1, Integer::sum);
    }

    /** A random token, URL- and cookie-safe. */
    String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Compares two tokens in time independent of where they differ. */
    static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
