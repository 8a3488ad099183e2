package im.parley.modules.extdisco;

import im.parley.module.HostSettings;
import im.parley.module.Hosts;
import im.parley.module.IqHandler;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.xml.Element;
import im.parley.xmpp.DelayedDelivery;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * External service discovery (XEP-0215): a host's users ask their server for its STUN and TURN
 * servers ({@code <services/>}, optionally of one type) and for credentials
 * ({@code <credentials/>}). TURN credentials are made with the TURN REST scheme that coturn and
 * other relays check without asking anyone (draft-uberti-behave-turn-rest): the user name is the
 * expiry time in Unix seconds and the user's bare JID, the password the Base64 HMAC-SHA1 of that
 * name under the shared secret. They are handed out with the list, marked {@code restricted} with
 * their {@code expires}, so a client needs one round trip.
 */
public final class ExternalServicesModule implements Module {
    public static final String NAMESPACE = "urn:xmpp:extdisco:2";

    private final HostSettings<ExternalServicesConfig> settings;
    private final Clock clock;

    public ExternalServicesModule(HostSettings<ExternalServicesConfig> settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void start(ModuleContext context) {
        context.serverFeature(NAMESPACE);
        context.handleIq(IqScope.SERVER, NAMESPACE, IqHandler.getOnly(this::answer));
    }

    private Stanza answer(IqRequest request) {
        Stanza iq = request.iq();
        String host = iq.to().domain();
        // The credentials open the host's relays: for its own users, not for anyone who can send it an IQ.
        if (iq.from() == null || !Hosts.isAccountOf(iq.from(), host)) {
            return iq.error(StanzaError.FORBIDDEN, "External services are for this server's own users");
        }
        Element query = iq.element().firstElement();
        ExternalServicesConfig config = settings.of(host);
        Jid user = iq.from().bare();
        return switch (query.name()) {
            case "services" -> iq.result(services(config, user, query.attribute("type")));
            case "credentials" -> credentials(iq, config, user, query.child("service", NAMESPACE));
            default -> iq.error(StanzaError.BAD_REQUEST, "Expected <services/> or <credentials/>");
        };
    }

    /** §3.1 and §3.2: every service, or those of one type. */
    private Element services(ExternalServicesConfig config, Jid user, String type) {
        Element.Builder services = Element.builder("services", NAMESPACE).attribute("type", type);
        for (ExternalService service : config.services()) {
            if (type == null || type.equals(service.type())) {
                services.child(describe(service, config, user));
            }
        }
        return services.build();
    }

    /** §3.3: the credentials of the services with that host and type (and port, when given). */
    private Stanza credentials(Stanza iq, ExternalServicesConfig config, Jid user, Element wanted) {
        if (wanted == null || wanted.attribute("host") == null || wanted.attribute("type") == null) {
            return iq.error(StanzaError.BAD_REQUEST, "<credentials/> names a <service/> with its host and type");
        }
        List<Element> matching = new ArrayList<>();
        for (ExternalService service : config.services()) {
            if (service.host().equals(wanted.attribute("host")) && service.type().equals(wanted.attribute("type"))
                    && (wanted.attribute("port") == null || wanted.attribute("port").equals(Integer.toString(service.port())))) {
                matching.add(describe(service, config, user));
            }
        }
        if (matching.isEmpty()) {
            return iq.error(StanzaError.ITEM_NOT_FOUND, "No such service is known here");
        }
        return iq.result(Element.builder("credentials", NAMESPACE).children(matching).build());
    }

    private Element describe(ExternalService service, ExternalServicesConfig config, Jid user) {
        Element.Builder element = Element.builder("service", NAMESPACE)
                .attribute("type", service.type())
                .attribute("host", service.host())
                .attribute("port", Integer.toString(service.port()))
                .attribute("transport", service.transport());
        if (service.isTurn() && config.turnSecret() != null) {
            Instant expires = clock.instant().plus(config.credentialsLifetime());
            String username = expires.getEpochSecond() + ":" + user;
            element.attribute("restricted", "1")
                    .attribute("expires", DelayedDelivery.STAMP.format(expires))
                    .attribute("username", username)
                    .attribute("password", turnPassword(config.turnSecret(), username));
        }
        return element.build();
    }

    /** The TURN REST password: Base64 of HMAC-SHA1(secret, user name). */
    static String turnPassword(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java platform", e);
        }
    }
}
