package im.parley.component;

import im.parley.config.ComponentsConfig;
import im.parley.module.Hosts;
import im.parley.module.Origin;
import im.parley.router.StanzaRouter;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.JidFormatException;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.Locale;

/**
 * What a component may do in the users' name (XEP-0356, version 0.4: {@code urn:xmpp:privilege:2}),
 * as its configuration grants: read or change any user's roster, send messages as any user's
 * bare JID. The component learns its permissions from a message the server sends it once its
 * handshake succeeded. A roster request a component may not make is answered {@code forbidden}
 * here, so a roster request from a component that reaches the roster module is a privileged one.
 */
final class PrivilegedEntity {
    static final String NAMESPACE = "urn:xmpp:privilege:2";
    private static final String ROSTER = "jabber:iq:roster";

    private final ComponentsConfig.Privileges privileges;
    private final Hosts hosts;
    private final StanzaRouter router;

    PrivilegedEntity(ComponentsConfig.Privileges privileges, Hosts hosts, StanzaRouter router) {
        this.privileges = privileges;
        this.hosts = hosts;
        this.router = router;
    }

    /** §4.2, §5.2: the message telling the component its permissions; null when it has none. */
    Stanza advertisement(String server, String component, String id) {
        if (!privileges.any()) {
            return null;
        }
        Element.Builder privilege = Element.builder("privilege", NAMESPACE);
        if (privileges.roster() != ComponentsConfig.RosterAccess.NONE) {
            privilege.child(perm("roster", privileges.roster()));
        }
        if (privileges.message() != ComponentsConfig.MessageAccess.NONE) {
            privilege.child(perm("message", privileges.message()));
        }
        return Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("from", server)
                .attribute("to", component).attribute("id", id).child(privilege.build()).build());
    }

    private static Element perm(String access, Enum<?> type) {
        return Element.builder("perm", NAMESPACE).attribute("access", access)
                .attribute("type", type.name().toLowerCase(Locale.ROOT)).build();
    }

    /**
     * Takes the component's stanza when this protocol concerns it: a roster request to a user
     * (refused here unless permitted; a permitted one goes on to the router) or a privileged
     * message (the forwarded message routed in its author's name, or refused).
     *
     * @return true when the stanza was handled here and must not be routed as it is
     */
    boolean handled(Stanza stanza, Origin origin) {
        if (stanza.isIq() && stanza.isRequest() && stanza.payload() != null
                && ROSTER.equals(stanza.payload().namespace()) && hosts.isAccount(stanza.to())) {
            if (privileges.roster().allows(stanza.type()) && stanza.to().isBare()) {
                return false;
            }
            // §4.3: not permitted.
            router.route(stanza.error(StanzaError.FORBIDDEN, "No roster privilege for " + stanza.type()));
            return true;
        }
        Element privilege = stanza.isMessage() ? stanza.element().child("privilege", NAMESPACE) : null;
        if (privilege == null || !hosts.contains(stanza.to().domain()) || !stanza.to().isDomain()) {
            return false;
        }
        Element message = Forwarding.stanzaIn(privilege.child("forwarded", Forwarding.NAMESPACE));
        String refusal = refusal(message);
        if (refusal != null) {
            // §5.1: the RFC 6120 §8.3.3.4 forbidden error, as a message.
            router.route(stanza.error(StanzaError.FORBIDDEN, refusal));
            return true;
        }
        router.route(Stanza.of(message), origin);
        return true;
    }

    /** Why a privileged message may not be sent, or null when it may. */
    private String refusal(Element message) {
        if (privileges.message() != ComponentsConfig.MessageAccess.OUTGOING) {
            return "No message privilege";
        }
        if (message == null || !message.name().equals("message")) {
            return "A privileged message forwards one <message/>";
        }
        try {
            Jid from = message.attribute("from") == null ? null : Jid.parse(message.attribute("from"));
            if (from == null || !from.isBare() || !hosts.isAccount(from) || message.attribute("to") == null) {
                return "The forwarded message must be from a user's bare JID of this server, and addressed";
            }
            Jid.parse(message.attribute("to"));
        } catch (JidFormatException e) {
            return "Invalid address in the forwarded message: " + e.getMessage();
        }
        return null;
    }
}
