package im.parley.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web admin page over HTTPS, and what failed logins do: an address that failed five times is
 * locked out, the right password included (a server of its own: the lockout is the address's).
 */
class AdminWebLockoutTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().admin("admin");

    private AdminWebClient browser() throws Exception {
        return new AdminWebClient(parley.server().server().httpsPort(), parley.server().sslContext());
    }

    @Test
    void overTlsTheSessionCookieIsSecure() throws Exception {
        HttpResponse<String> login = browser().logIn("admin@localhost", "admin-pw");
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith("parley_admin=")).findFirst().orElseThrow();
        assertThat(cookie.substring(cookie.indexOf(';')).toLowerCase(Locale.ROOT)).contains("; secure");
    }

    @Test
    void fiveFailedLoginsLockTheAddressOut() throws Exception {
        AdminWebClient browser = browser();
        for (int i = 0; i < 5; i++) {
            assertThat(browser.logIn("admin@localhost", "guess-" + i).statusCode()).isEqualTo(403);
        }
        HttpResponse<String> locked = browser.logIn("admin@localhost", "admin-pw");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(browser.cookies).doesNotContainKey("parley_admin");
    }
}
