package im.parley.modules.admin;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.MutableClock;
import im.parley.xmpp.Jid;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The web admin page's logins: random tokens, expiry, ending with the password, and the lockout. */
class WebLoginsTest {
    private static final Jid ADMIN = Jid.parse("admin@example.org");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
    private final WebLogins logins = new WebLogins(clock);

    @Test
    void aLoginHasRandomTokensAndEndsAfterItsLifetime() {
        String token = logins.start(ADMIN.withResource("browser"));
        String other = logins.start(ADMIN);
        assertThat(token).isNotEqualTo(other).hasSize(43);
        WebLogins.Login login = logins.find(token);
        assertThat(login.admin()).isEqualTo(ADMIN);
        assertThat(login.csrf()).isNotEqualTo(token).isNotEqualTo(logins.find(other).csrf());
        assertThat(login.csrfMatches(login.csrf())).isTrue();
        assertThat(login.csrfMatches("x" + login.csrf().substring(1))).isFalse();
        assertThat(login.csrfMatches(null)).isFalse();
        assertThat(logins.find("unknown")).isNull();
        assertThat(logins.find(null)).isNull();

        clock.advance(WebLogins.LIFETIME.minusSeconds(1));
        assertThat(logins.find(token)).isSameAs(login);
        clock.advance(Duration.ofSeconds(1));
        assertThat(logins.find(token)).isNull();
    }

    @Test
    void loggingOutOrAPasswordChangeEndsTheLogins() {
        String first = logins.start(ADMIN);
        String second = logins.start(ADMIN);
        String another = logins.start(Jid.parse("root@example.org"));
        logins.end(first);
        assertThat(logins.find(first)).isNull();
        logins.forget(ADMIN);
        assertThat(logins.find(second)).isNull();
        assertThat(logins.find(another)).isNotNull();
    }

    @Test
    void anAddressIsLockedOutAfterFiveFailures() {
        for (int i = 0; i < WebLogins.MAX_FAILURES - 1; i++) {
            logins.failed("192.0.2.1");
        }
        assertThat(logins.lockedOut("192.0.2.1")).isFalse();
        logins.failed("192.0.2.1");
        assertThat(logins.lockedOut("192.0.2.1")).isTrue();
        assertThat(logins.lockedOut("192.0.2.2")).isFalse();
    }

    @Test
    void aNoticeIsShownOnce() {
        WebLogins.Login login = logins.find(logins.start(ADMIN));
        login.notice("Added carol@example.org");
        assertThat(login.takeNotice()).isEqualTo("Added carol@example.org");
        assertThat(login.takeNotice()).isNull();
    }
}
