package im.parley.modules.admin;

import static im.parley.modules.admin.Html.escape;

import im.parley.account.AccountException;
import im.parley.account.AccountService;
import im.parley.http.HttpRoutes;
import im.parley.http.Responses;
import im.parley.module.Accounts;
import im.parley.modules.muc.ChatRooms;
import im.parley.session.Session;
import im.parley.xmpp.Jid;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web admin page at {@code /admin/}: the configured admins log in with their XMPP account's
 * password (checked as SASL PLAIN checks it) and administer their own JID's host, as with the
 * XEP-0133 commands, running the same {@link Administration} operations: users, online sessions,
 * chat rooms, and the server's figures. Server-rendered HTML without script.
 *
 * <p>A login is a random token in an HttpOnly, SameSite=Strict cookie (Secure over TLS) that
 * expires ({@link WebLogins}); every form that changes something carries the login's CSRF token,
 * and the login form a token of its own (also in a cookie), so no other site can post any of them.
 * Failed logins are logged and an address that fails too often is locked out for a while.
 */
final class AdminWeb {
    static final String PATH = "/admin/";
    static final String SESSION_COOKIE = "parley_admin";
    static final String LOGIN_COOKIE = "parley_admin_login";
    static final int PAGE_SIZE = 50;
    private static final Logger log = LoggerFactory.getLogger(AdminWeb.class);

    private final Admins admins;
    private final Administration administration;
    private final Accounts accounts;
    private final WebLogins logins;
    private final String version;

    AdminWeb(Admins admins, Administration administration, Accounts accounts, WebLogins logins, String version) {
        this.admins = admins;
        this.administration = administration;
        this.accounts = accounts;
        this.logins = logins;
        this.version = version;
    }

    void addTo(HttpRoutes routes) {
        routes.add("/admin", Set.of(HttpMethod.GET), false,
                (ctx, request) -> Responses.send(ctx, request, redirect(PATH)));
        routes.add(PATH, Set.of(HttpMethod.GET, HttpMethod.POST), false, this::handle);
    }

    /** Everything reads the store or derives a password: answered on a virtual thread. */
    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        WebRequest web = WebRequest.of(ctx, request);
        Thread.ofVirtual().name("web-admin").start(() -> Responses.send(ctx, web.head(), answer(web)));
    }

    private FullHttpResponse answer(WebRequest request) {
        try {
            if (request.path().equals(PATH + "login")) {
                return request.post() ? login(request) : loginForm(request, HttpResponseStatus.OK, null);
            }
            String token = request.cookie(SESSION_COOKIE);
            WebLogins.Login login = logins.find(token);
            if (login == null || !admins.contains(login.admin())) {
                if (request.post()) {
                    log.info("Web admin: a form posted to {} from {} without a login: refused", request.path(),
                            request.address());
                    return status(request, HttpResponseStatus.FORBIDDEN, "Log in first.");
                }
                return redirect(PATH + "login");
            }
            return request.post() ? act(request, login, token) : show(request, login);
        } catch (RuntimeException e) {
            log.warn("Web admin: {} {} failed", request.head().method(), request.path(), e);
            return status(request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "The server could not do that; see its log.");
        }
    }

    private FullHttpResponse login(WebRequest request) {
        String expected = request.cookie(LOGIN_COOKIE);
        if (expected == null || !WebLogins.same(expected, request.field("csrf"))) {
            log.info("Web admin: a login from {} without the login form's token: refused", request.address());
            return status(request, HttpResponseStatus.FORBIDDEN, "Open the login page and log in from there.");
        }
        if (logins.lockedOut(request.address())) {
            log.info("Web admin: {} is locked out after {} failed logins", request.address(), WebLogins.MAX_FAILURES);
            return loginForm(request, HttpResponseStatus.TOO_MANY_REQUESTS, "Too many failed logins: try again later.");
        }
        Jid jid = Jid.parseOrNull(request.field("jid").strip());
        // The password first, for everyone: how long a refusal takes tells nothing of who is an admin.
        boolean authenticated = jid != null && jid.local() != null && accounts.authenticate(jid.bare(),
                request.field("password"));
        if (!authenticated || !admins.contains(jid)) {
            logins.failed(request.address());
            log.warn("Web admin: failed login as '{}' from {}{}", printable(request.field("jid")), request.address(),
                    authenticated ? " (not an administrator)" : "");
            return loginForm(request, HttpResponseStatus.FORBIDDEN, "Wrong address or password, or not an administrator.");
        }
        String token = logins.start(jid);
        log.info("Web admin: {} logged in from {}", jid.bare(), request.address());
        FullHttpResponse response = redirect(PATH);
        response.headers().add(HttpHeaderNames.SET_COOKIE, cookie(SESSION_COOKIE, token, request.secure(),
                WebLogins.LIFETIME));
        response.headers().add(HttpHeaderNames.SET_COOKIE, cookie(LOGIN_COOKIE, "", request.secure(), Duration.ZERO));
        return response;
    }

    private FullHttpResponse loginForm(WebRequest request, HttpResponseStatus status, String error) {
        String token = logins.token();
        FullHttpResponse response = html(request, status, "Log in", null, (error == null ? ""
                : "<p class=\"error\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"" + PATH + "login\">" + hidden("csrf", token)
                + "<p><label>Address <input name=\"jid\" autocomplete=\"username\" required></label></p>"
                + "<p><label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\""
                + " required></label></p><p><button>Log in</button></p></form>");
        response.headers().add(HttpHeaderNames.SET_COOKIE, cookie(LOGIN_COOKIE, token, request.secure(), null));
        return response;
    }

    /** A form's action: only with the login's CSRF token; then back to the page it came from (post/redirect/get). */
    private FullHttpResponse act(WebRequest request, WebLogins.Login login, String token) {
        if (!login.csrfMatches(request.field("csrf"))) {
            log.warn("Web admin: a form posted to {} for {} from {} without its CSRF token: refused", request.path(),
                    login.admin(), request.address());
            return status(request, HttpResponseStatus.FORBIDDEN, "The form is out of date: open the page again.");
        }
        String action = request.path().substring(PATH.length());
        if (action.equals("logout")) {
            logins.end(token);
            log.info("Web admin: {} logged out", login.admin());
            FullHttpResponse response = redirect(PATH + "login");
            response.headers().add(HttpHeaderNames.SET_COOKIE, cookie(SESSION_COOKIE, "", request.secure(), Duration.ZERO));
            return response;
        }
        String host = login.admin().domain();
        try {
            String done = switch (action) {
                case "users/add" -> "Added " + administration.addUser(user(request, host), request.field("password"));
                case "users/delete" -> {
                    Jid user = user(request, host);
                    administration.deleteUser(user);
                    yield "Deleted " + user;
                }
                case "users/password" -> {
                    Jid user = user(request, host);
                    administration.changePassword(user, request.field("password"));
                    yield "Changed the password of " + user;
                }
                case "sessions/end" -> "Ended " + administration.endSessions(session(request, host)) + " session(s)";
                case "rooms/destroy" -> destroyRoom(request, host);
                default -> null;
            };
            if (done == null) {
                return status(request, HttpResponseStatus.NOT_FOUND, "No such action.");
            }
            log.info("Web admin: {}: {}", login.admin(), done);
            login.notice(done);
        } catch (AccountException | IllegalArgumentException e) {
            log.info("Web admin: {}: {} not done: {}", login.admin(), action, e.getMessage());
            login.notice("Not done: " + e.getMessage());
        }
        // Back to the page of the form (users/add: users).
        return redirect(PATH + action.substring(0, action.indexOf('/')));
    }

    /** The account a form names by its user name, on the admin's host. */
    private static Jid user(WebRequest request, String host) {
        return AccountService.user(request.field("user").strip(), host);
    }

    /** The session a form names by its full JID, which must be of the admin's host. */
    private static Jid session(WebRequest request, String host) {
        Jid jid = Jid.parseOrNull(request.field("jid"));
        if (jid == null || jid.local() == null || !jid.domain().equals(host)) {
            throw new IllegalArgumentException("'" + request.field("jid") + "' is no session of " + host);
        }
        return jid;
    }

    private String destroyRoom(WebRequest request, String host) {
        ChatRooms rooms = administration.rooms().orElseThrow(() -> new IllegalArgumentException("chat rooms are off"));
        Jid room = Jid.parseOrNull(request.field("room"));
        if (room == null || !rooms.destroy(host, room, request.field("reason"))) {
            throw new IllegalArgumentException("there is no room " + request.field("room") + " on " + host);
        }
        return "Destroyed " + room;
    }

    private FullHttpResponse show(WebRequest request, WebLogins.Login login) {
        String host = login.admin().domain();
        return switch (request.path().substring(PATH.length())) {
            case "" -> html(request, HttpResponseStatus.OK, "Server", login, figures(host));
            case "users" -> html(request, HttpResponseStatus.OK, "Users", login, users(request, login, host));
            case "sessions" -> html(request, HttpResponseStatus.OK, "Online sessions", login, sessions(login, host));
            case "rooms" -> html(request, HttpResponseStatus.OK, "Chat rooms", login, rooms(login, host));
            default -> status(request, HttpResponseStatus.NOT_FOUND, "No such page.");
        };
    }

    private String figures(String host) {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        List<Session> online = administration.sessions(host);
        StringBuilder rows = new StringBuilder()
                .append(row("Host", host))
                .append(row("Parley version", version))
                .append(row("Registered users", administration.userCount(host)))
                .append(row("Online users", Administration.usersOf(online).size()))
                .append(row("Online sessions", online.size()))
                .append(row("Chat rooms", administration.rooms().map(rooms -> (Object) rooms.count(host))
                        .orElse("off")))
                .append(row("Uptime", String.format("%dd %02d:%02d:%02d", uptime.toDays(), uptime.toHoursPart(),
                        uptime.toMinutesPart(), uptime.toSecondsPart())))
                .append(row("Memory used", mebibytes(used) + " of " + mebibytes(runtime.totalMemory())
                        + " (at most " + mebibytes(runtime.maxMemory()) + ")"))
                .append(row("Processors", runtime.availableProcessors()));
        return "<table>" + rows + "</table>";
    }

    private String users(WebRequest request, WebLogins.Login login, String host) {
        String search = request.query("q");
        int page = pageNumber(request.query("page"));
        Administration.UserPage users = administration.users(host, search, page * PAGE_SIZE, PAGE_SIZE);
        StringBuilder out = new StringBuilder()
                .append("<form method=\"get\" action=\"").append(PATH).append("users\"><input name=\"q\" value=\"")
                .append(escape(search)).append("\" placeholder=\"Name contains\"> <button>Search</button></form>")
                .append("<p>").append(users.matching()).append(" account(s)")
                .append(search.isBlank() ? "" : " matching '" + escape(search) + "'").append("</p><table>")
                .append("<tr><th>Account</th><th>Password</th><th></th></tr>");
        for (Jid user : users.users()) {
            out.append("<tr><td>").append(escape(user)).append("</td><td>")
                    .append(form(login, "users/password", hidden("user", user.local())
                            + "<input name=\"password\" type=\"password\" autocomplete=\"new-password\" required> ",
                            "Change"))
                    .append("</td><td>").append(form(login, "users/delete", hidden("user", user.local()), "Delete"))
                    .append("</td></tr>");
        }
        out.append("</table><p>");
        String q = URLEncoder.encode(search, StandardCharsets.UTF_8);
        if (page > 0) {
            out.append("<a href=\"").append(PATH).append("users?q=").append(escape(q)).append("&amp;page=")
                    .append(page - 1).append("\">Previous</a> ");
        }
        if ((page + 1) * PAGE_SIZE < users.matching()) {
            out.append("<a href=\"").append(PATH).append("users?q=").append(escape(q)).append("&amp;page=")
                    .append(page + 1).append("\">Next</a>");
        }
        return out.append("</p><h2>Add a user</h2>")
                .append(form(login, "users/add", "<label>Name <input name=\"user\" required></label>@"
                        + escape(host) + " <label>Password <input name=\"password\" type=\"password\""
                        + " autocomplete=\"new-password\" required></label> ", "Add")).toString();
    }

    private String sessions(WebLogins.Login login, String host) {
        StringBuilder out = new StringBuilder("<table><tr><th>Session</th><th>Presence</th><th></th></tr>");
        for (Session session : administration.sessions(host)) {
            String presence = !session.available() ? "unavailable"
                    : session.presence().element().childText("show") == null ? "available"
                    : session.presence().element().childText("show");
            out.append("<tr><td>").append(escape(session.jid())).append("</td><td>").append(escape(presence))
                    .append("</td><td>").append(form(login, "sessions/end", hidden("jid", session.jid()), "End"))
                    .append("</td></tr>");
        }
        return out.append("</table>").toString();
    }

    private String rooms(WebLogins.Login login, String host) {
        if (administration.rooms().isEmpty()) {
            return "<p>The chat rooms feature is off.</p>";
        }
        StringBuilder out = new StringBuilder("<table><tr><th>Room</th><th>Name</th><th>Kind</th><th>Occupants</th>"
                + "<th></th></tr>");
        for (ChatRooms.RoomView room : administration.rooms().get().rooms(host)) {
            out.append("<tr><td>").append(escape(room.jid())).append("</td><td>").append(escape(room.name()))
                    .append("</td><td>").append(room.persistent() ? "persistent" : "temporary")
                    .append(room.publicRoom() ? ", public" : ", hidden").append("</td><td>");
            for (ChatRooms.OccupantView occupant : room.occupants()) {
                out.append(escape(occupant.nick())).append(" (").append(escape(occupant.role())).append(", ")
                        .append(escape(occupant.affiliation())).append("): ")
                        .append(escape(String.join(", ", occupant.sessions().stream().map(Jid::toString).toList())))
                        .append("<br>");
            }
            out.append("</td><td>").append(form(login, "rooms/destroy", hidden("room", room.jid())
                    + "<input name=\"reason\" placeholder=\"Reason\"> ", "Destroy")).append("</td></tr>");
        }
        return out.append("</table>").toString();
    }

    /** A page: the navigation (with the logout form) for a logged-in admin, the notice, then {@code body}. */
    private static FullHttpResponse html(WebRequest request, HttpResponseStatus status, String title,
            WebLogins.Login login, String body) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>Parley admin: ")
                .append(escape(title)).append("</title><style>").append(Html.STYLE).append("</style></head><body>");
        if (login != null) {
            page.append("<nav><a href=\"").append(PATH).append("\">Server</a><a href=\"").append(PATH)
                    .append("users\">Users</a><a href=\"").append(PATH).append("sessions\">Sessions</a><a href=\"")
                    .append(PATH).append("rooms\">Rooms</a>").append(escape(login.admin())).append(' ')
                    .append(form(login, "logout", "", "Log out")).append("</nav>");
        }
        page.append("<main><h1>").append(escape(title)).append("</h1>");
        String notice = login == null ? null : login.takeNotice();
        if (notice != null) {
            page.append("<p class=\"notice\">").append(escape(notice)).append("</p>");
        }
        page.append(body).append("</main></body></html>");
        FullHttpResponse response = Responses.text(request.head(), status, "text/html; charset=utf-8", page.toString());
        secure(response);
        return response;
    }

    private static String form(WebLogins.Login login, String action, String fields, String button) {
        return "<form method=\"post\" action=\"" + PATH + action + "\">" + hidden("csrf", login.csrf()) + fields
                + "<button>" + escape(button) + "</button></form>";
    }

    private static String hidden(String name, Object value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static String row(String name, Object value) {
        return "<tr><th>" + escape(name) + "</th><td>" + escape(value) + "</td></tr>";
    }

    /** What a client typed, as a log line may show it: no line breaks or other control characters. */
    private static String printable(String typed) {
        return typed.replaceAll("\\p{Cntrl}", "?");
    }

    private static String mebibytes(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    private static int pageNumber(String text) {
        try {
            return Math.max(0, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String cookie(String name, String value, boolean secure, Duration maxAge) {
        DefaultCookie cookie = new DefaultCookie(name, value);
        cookie.setPath(PATH);
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        if (maxAge != null) {
            cookie.setMaxAge(maxAge.toSeconds());
        }
        return ServerCookieEncoder.STRICT.encode(cookie);
    }

    private static FullHttpResponse redirect(String location) {
        FullHttpResponse response = Responses.status(HttpResponseStatus.SEE_OTHER);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        secure(response);
        return response;
    }

    private static FullHttpResponse status(WebRequest request, HttpResponseStatus status, String text) {
        FullHttpResponse response = Responses.text(request.head(), status, "text/plain; charset=utf-8", text + "\n");
        secure(response);
        return response;
    }

    /** No caching of what an admin sees, no framing, no referrer, nothing but the page's own style. */
    private static void secure(FullHttpResponse response) {
        response.headers().set("Content-Security-Policy", Html.CONTENT_SECURITY_POLICY)
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    }
}
