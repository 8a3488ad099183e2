package im.parley.modules.register;

import java.util.Map;
import java.util.HashMap;
import im.parley.module.Hosts;
import im.parley.module.HostSettings;
import im.parley.account.AccountExistsException;
import im.parley.account.InvalidUsernameException;
import im.parley.account.UnknownAccountException;
import im.parley.module.Accounts;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.StanzaSender;
import im.parley.module.StreamFeature;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import im.parley.xmpp.StreamError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-Band Registration (XEP-0077): creating an account before authentication (only when the
 * configuration opens it), and, for a logged-in user, changing the password (§3.3) and removing
 * the account (§3.2).
 */
public final class RegisterModule implements Module {
    public static final String NAMESPACE = "jabber:iq:register";
    public static final String FEATURE = "http://jabber.org/features/iq-register";
    private static final Logger log = LoggerFactory.getLogger(RegisterModule.class);

    private final Accounts accounts;
    private final HostSettings<RegistrationConfig> settings;
    /** Each host counts its own new accounts, against its own per-ip-per-minute. */
    private final Map<String, RegistrationRateLimiter> rateLimiters = new HashMap<>();
    private StanzaSender router;
    private LocalSessions sessions;

    public RegisterModule(Accounts accounts, HostSettings<RegistrationConfig> settings) {
        this.accounts = accounts;
        this.settings = settings;
        for (String host : settings.enabledHosts().domains()) {
            rateLimiters.put(host, new RegistrationRateLimiter(settings.of(host).perIpPerMinute()));
        }
    }

    @Override
    public void start(ModuleContext context) {
        this.router = context.stanzas();
        this.sessions = context.sessions();
        context.accountFeature(NAMESPACE);
        // XEP-0077 addresses these to the server; a request to the user's own bare JID means the same.
        context.handleIq(IqScope.SERVER, NAMESPACE, this::registered);
        context.handleIq(IqScope.ACCOUNT, NAMESPACE, this::registered);
        context.handleIq(IqScope.UNAUTHENTICATED, NAMESPACE, this::unregistered);
        // Account creation is announced only by the hosts that open it.
        ModuleContext open = context.on(new Hosts(context.enabledHosts().domains().stream()
                .filter(host -> settings.of(host).open()).toList()));
        open.serverFeature(NAMESPACE);
        open.streamFeature(new StreamFeature(Element.of("register", FEATURE), true, false));
    }

    // ---- before authentication: creating an account ----

    private Stanza unregistered(IqRequest request) {
        Stanza iq = request.iq();
        // The stream addressed the request to its host, whose accounts it is about.
        String host = iq.to().domain();
        if (!settings.of(host).open()) {
            return iq.error(StanzaError.SERVICE_UNAVAILABLE, "In-band registration is disabled");
        }
        if ("get".equals(iq.type())) {
            return iq.result(Element.builder("query", NAMESPACE)
                    .textChild("instructions", "Choose a username and password to register with this server.")
                    .child(Element.of("username", NAMESPACE))
                    .child(Element.of("password", NAMESPACE))
                    .build());
        }
        Element query = iq.payload();
        String username = query.childText("username");
        String password = query.childText("password");
        if (query.child("remove", NAMESPACE) != null) {
            return iq.error(StanzaError.NOT_AUTHORIZED, "Log in to remove an account");
        }
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            return iq.error(StanzaError.NOT_ACCEPTABLE, "A username and a password are required");
        }
        var address = request.remoteAddress() == null ? null : request.remoteAddress().getAddress();
        if (!rateLimiters.get(host).tryAcquire(address, System.nanoTime())) {
            log.info("Registration refused for {}: rate limit", address);
            return iq.error(StanzaError.RESOURCE_CONSTRAINT, "Too many registrations from your address");
        }
        try {
            // The stream's host is the addressee of a request made before authentication.
            Jid created = accounts.create(Jid.of(username, iq.to().domain(), null), password);
            log.info("Registered account {} from {}", created, address);
            return iq.result(null);
        } catch (AccountExistsException e) {
            return iq.error(StanzaError.CONFLICT, "That username is taken");
        } catch (InvalidUsernameException | IllegalArgumentException e) {
            return iq.error(StanzaError.NOT_ACCEPTABLE, e.getMessage());
        }
    }

    // ---- after authentication: the user's own account ----

    private Stanza registered(IqRequest request) {
        Stanza iq = request.iq();
        if (!iq.to().isDomain() && !iq.to().equals(iq.from().bare())) {
            return iq.error(StanzaError.FORBIDDEN, "Only the account's owner manages its registration");
        }
        String username = iq.from().local();
        if ("get".equals(iq.type())) {
            return iq.result(Element.builder("query", NAMESPACE)
                    .child(Element.of("registered", NAMESPACE))
                    .textChild("username", username)
                    .build());
        }
        Element query = iq.payload();
        if (query.child("remove", NAMESPACE) != null) {
            return remove(iq);
        }
        String requested = query.childText("username");
        String password = query.childText("password");
        if (password == null || password.isEmpty()) {
            return iq.error(StanzaError.BAD_REQUEST, "A new password is required");
        }
        if (requested != null && !username.equals(normalizedOrNull(requested))) {
            return iq.error(StanzaError.NOT_ALLOWED, "You can only change your own password");
        }
        try {
            accounts.changePassword(iq.from().bare(), password);
        } catch (IllegalArgumentException e) {
            return iq.error(StanzaError.NOT_ACCEPTABLE, e.getMessage());
        }
        log.info("Password changed for {}", username);
        return iq.result(null);
    }

    /** §3.2: answer first, then end every session of the removed account. */
    private Stanza remove(Stanza iq) {
        try {
            accounts.delete(iq.from().bare());
        } catch (UnknownAccountException e) {
            return iq.error(StanzaError.ITEM_NOT_FOUND, null);
        }
        log.info("Account {} removed by its owner", iq.from().bare());
        router.route(iq.result(null));
        for (Session session : sessions.sessionsOf(iq.from().bare())) {
            session.close(StreamError.NOT_AUTHORIZED, "Account removed");
        }
        return null;
    }

    private static String normalizedOrNull(String username) {
        try {
            return Jid.enforceLocal(username);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
