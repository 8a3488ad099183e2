package im.parley.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import im.parley.xmpp.Jid;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web admin page over real HTTP (java.net.http against the server's HTTP port): who may log
 * in, what a request needs (the login cookie, the CSRF token), and each operation's effect as real
 * XMPP clients (Smack) see it.
 */
class AdminWebTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().admin("admin").users("alice");

    private static AdminWebClient browser() {
        return new AdminWebClient(parley.server().server().httpPort());
    }

    private static AdminWebClient admin() throws Exception {
        return browser().loggedIn("admin@localhost", "admin-pw");
    }

    private static boolean exists(String user) {
        return parley.server().server().accounts().exists(Jid.parse(user + "@" + TestServer.DOMAIN));
    }

    /** Calls back when the server closes the client's stream with an error. */
    private static AtomicReference<Exception> closedWithError(RecordingClient client) {
        AtomicReference<Exception> closedWith = new AtomicReference<>();
        client.connection().addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closedWith.set(e);
            }
        });
        return closedWith;
    }

    private static StreamError.Condition condition(AtomicReference<Exception> closedWith) {
        await().atMost(WAIT).until(() -> closedWith.get() != null);
        return ((StreamErrorException) closedWith.get()).getStreamError().getCondition();
    }

    @Test
    void anAdminLogsInWithTheXmppPasswordAndGetsASafeSessionCookie() throws Exception {
        AdminWebClient browser = browser();
        HttpResponse<String> first = browser.get("/admin/");
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Location")).hasValue("/admin/login");

        HttpResponse<String> wrong = browser.logIn("admin@localhost", "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(browser.cookies).doesNotContainKey("parley_admin");

        HttpResponse<String> login = browser.logIn("admin@localhost", "admin-pw");
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith("parley_admin=")).findFirst().orElseThrow();
        String attributes = cookie.substring(cookie.indexOf(';')).toLowerCase(java.util.Locale.ROOT);
        assertThat(attributes).contains("httponly", "samesite=strict", "max-age=", "path=/admin/")
                .doesNotContain("secure"); // plain HTTP here: a Secure cookie would never come back
        assertThat(browser.cookies.get("parley_admin")).hasSizeGreaterThanOrEqualTo(43);

        HttpResponse<String> figures = browser.get("/admin/");
        assertThat(figures.statusCode()).isEqualTo(200);
        assertThat(figures.body()).contains("Registered users", "Uptime", "Memory used").doesNotContain("<script");
        assertThat(figures.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'").doesNotContain("script-src");
        assertThat(figures.headers().firstValue("X-Frame-Options")).hasValue("DENY");

        browser.submit("/admin/", "/admin/logout");
        assertThat(browser.get("/admin/").statusCode()).isEqualTo(303);
    }

    @Test
    void aUserWhoIsNoAdminIsRefusedEvenWithTheRightPassword() throws Exception {
        AdminWebClient browser = browser();
        assertThat(browser.logIn("alice@localhost", "alice-pw").statusCode()).isEqualTo(403);
        assertThat(browser.cookies).doesNotContainKey("parley_admin");
        assertThat(browser.get("/admin/users").statusCode()).isEqualTo(303);
    }

    @Test
    void aLoginNeedsTheLoginFormsToken() throws Exception {
        AdminWebClient browser = browser();
        HttpResponse<String> answer = browser.post("/admin/login", "jid", "admin@localhost", "password", "admin-pw");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(browser.cookies).doesNotContainKey("parley_admin");
    }

    @Test
    void aFormWithoutTheLoginCookieDoesNothing() throws Exception {
        AdminWebClient stranger = browser();
        String csrf = AdminWebClient.csrf(admin().get("/admin/users"));
        HttpResponse<String> answer = stranger.post("/admin/users/add", "csrf", csrf, "user", "mallory",
                "password", "mallory-pw");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(exists("mallory")).isFalse();
    }

    @Test
    void aFormWithoutTheCsrfTokenDoesNothing() throws Exception {
        AdminWebClient admin = admin();
        assertThat(admin.post("/admin/users/add", "user", "eve", "password", "eve-pw").statusCode()).isEqualTo(403);
        assertThat(admin.post("/admin/users/add", "csrf", "forged", "user", "eve", "password", "eve-pw").statusCode())
                .isEqualTo(403);
        assertThat(exists("eve")).isFalse();
    }

    @Test
    void anAddedUserLogsInAndADeletedOneIsDisconnectedAndCannot() throws Exception {
        AdminWebClient admin = admin();
        assertThat(admin.submit("/admin/users", "/admin/users/add", "user", "carol", "password", "carol-pw")
                .statusCode()).isEqualTo(303);
        assertThat(admin.get("/admin/users").body()).contains("Added carol@localhost", "carol@localhost");
        RecordingClient carol = parley.client("carol").password("carol-pw").resource("phone").login();
        assertThat(carol.connection().isAuthenticated()).isTrue();

        AtomicReference<Exception> closedWith = closedWithError(carol);
        admin.submit("/admin/users", "/admin/users/delete", "user", "carol");
        assertThat(condition(closedWith)).isEqualTo(StreamError.Condition.not_authorized);
        assertThatThrownBy(() -> parley.client("carol").password("carol-pw").login()).isInstanceOf(Exception.class);
    }

    @Test
    void theUserLogsInWithTheChangedPassword() throws Exception {
        parley.server().addUser("dave", "old-pw");
        admin().submit("/admin/users", "/admin/users/password", "user", "dave", "password", "new-pw");
        assertThat(parley.client("dave").password("new-pw").login().connection().isAuthenticated()).isTrue();
        assertThatThrownBy(() -> parley.client("dave").password("old-pw").login()).isInstanceOf(Exception.class);
    }

    @Test
    void theUsersAreSearchedAndPaged() throws Exception {
        for (int i = 0; i < 60; i++) {
            parley.server().addUser(String.format("page%02d", i), "pw");
        }
        AdminWebClient admin = admin();
        HttpResponse<String> first = admin.get("/admin/users?q=PAGE");
        assertThat(first.body()).contains("60 account(s) matching", "page00@localhost", "page49@localhost", "Next")
                .doesNotContain("page50@localhost", "alice@localhost");
        assertThat(admin.get("/admin/users?q=page&page=1").body()).contains("page50@localhost", "page59@localhost")
                .doesNotContain("page49@localhost");
        // LIKE's wildcards, searched for, are characters like any other: no name here has one.
        assertThat(admin.get("/admin/users?q=%25").body()).contains("0 account(s) matching '%'");
        assertThat(admin.get("/admin/users?q=_").body()).contains("0 account(s) matching '_'");
    }

    @Test
    void anEndedSessionIsDisconnectedAndTheOtherStays() throws Exception {
        RecordingClient phone = parley.login("alice", "phone");
        RecordingClient laptop = parley.login("alice", "laptop");
        AdminWebClient admin = admin();
        assertThat(admin.get("/admin/sessions").body()).contains("alice@localhost/phone", "alice@localhost/laptop");

        AtomicReference<Exception> closedWith = closedWithError(phone);
        admin.submit("/admin/sessions", "/admin/sessions/end", "jid", "alice@localhost/phone");
        assertThat(condition(closedWith)).isEqualTo(StreamError.Condition.policy_violation);
        assertThat(laptop.connection().isConnected()).isTrue();
        await().atMost(WAIT).until(() -> !admin.get("/admin/sessions").body().contains("alice@localhost/phone"));
    }

    @Test
    void aRoomIsListedWithItsOccupantsAndDestroyed() throws Exception {
        RecordingClient alice = parley.login("alice", "muc");
        var room = MultiUserChatManager.getInstanceFor(alice.connection())
                .getMultiUserChat(JidCreate.entityBareFrom("lobby@conference.localhost"));
        room.create(Resourcepart.from("Alice <&>")).makeInstant();
        AdminWebClient admin = admin();
        assertThat(admin.get("/admin/rooms").body()).contains("lobby@conference.localhost",
                "Alice &lt;&amp;&gt; (moderator, owner): alice@localhost/muc").doesNotContain("Alice <&>");

        admin.submit("/admin/rooms", "/admin/rooms/destroy", "room", "lobby@conference.localhost", "reason", "closed");
        alice.await(stanza -> stanza instanceof Presence presence && presence.getType() == Presence.Type.unavailable
                && stanza.toXML().toString().contains("<reason>closed</reason>"));
        assertThat(admin.get("/admin/rooms").body()).contains("Destroyed").doesNotContain("Alice");
    }
}
