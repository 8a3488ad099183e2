package im.parley.modules.blocking;

import im.parley.module.Origin;
import im.parley.module.StanzaSender;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;

/**
 * Enforces blocklists on stanzas to local accounts (XEP-0191 §3.3). Every user is local, so two
 * delivery hooks see both directions: {@link #inbound}, a stanza from an address the recipient
 * blocked (the recipient appears offline), for the recipients of the hosts blocking is on for, and
 * {@link #outbound}, one a sender of those hosts sends to an address they blocked (the sender is
 * told), whatever the recipient's host. Stanzas between resources of one account are never
 * blocked (§4, note).
 */
final class BlockingFilter {
    static final String ERRORS_NAMESPACE = "urn:xmpp:blocking:errors";

    private final Blocklists blocklists;
    private final LocalSessions sessions;
    private final StanzaSender router;

    BlockingFilter(Blocklists blocklists, LocalSessions sessions, StanzaSender router) {
        this.blocklists = blocklists;
        this.sessions = sessions;
        this.router = router;
    }

    /**
     * A stanza from a local account (the registry asks only for senders of the hosts blocking is on
     * for). The server's own errors and unavailable presence pass: they answer what the blocked
     * address sent as if the user were offline ({@link #refuseInbound}), or make the user appear
     * so (§3.3), which is what it is to learn.
     */
    Stanza outbound(Stanza stanza, Origin origin) {
        if (!betweenAccounts(stanza) || saysOffline(stanza, origin)
                || !blocklists.of(stanza.from().bare()).blocks(stanza.to())) {
            return stanza;
        }
        refuseOutbound(stanza);
        return null;
    }

    Stanza inbound(Stanza stanza, Origin origin) {
        if (!betweenAccounts(stanza) || !blocklists.of(stanza.to().bare()).blocks(stanza.from())) {
            return stanza;
        }
        refuseInbound(stanza);
        return null;
    }

    private static boolean saysOffline(Stanza stanza, Origin origin) {
        return origin.kind() == Origin.Kind.LOCAL
                && (stanza.isError() || (stanza.isPresence() && "unavailable".equals(stanza.type())));
    }

    /** From someone to another account: an account's own resources never block each other. */
    private static boolean betweenAccounts(Stanza stanza) {
        return stanza.from() != null && !stanza.from().bare().equals(stanza.to().bare());
    }

    /**
     * "the server MUST NOT route the stanza ... MUST return a not-acceptable error containing
     * ... blocked": for messages and IQ requests; presence, errors and IQ results just stop.
     */
    private void refuseOutbound(Stanza stanza) {
        if (answerable(stanza)) {
            Stanza error = stanza.error(StanzaError.NOT_ACCEPTABLE, null);
            reply(stanza, withBlockedCondition(error));
        }
    }

    /**
     * Presence gets no answer at all; messages and IQ requests get service-unavailable, the
     * answer for an offline user, so that the blocked sender learns nothing more.
     */
    private void refuseInbound(Stanza stanza) {
        if (answerable(stanza)) {
            reply(stanza, stanza.error(StanzaError.SERVICE_UNAVAILABLE, null));
        }
    }

    private static boolean answerable(Stanza stanza) {
        return switch (stanza.kind()) {
            case PRESENCE -> false;
            case MESSAGE -> !stanza.isError();
            case IQ -> stanza.isRequest();
        };
    }

    /** XEP-0191 §3.3 example: a cancel error whose application condition follows the defined one. */
    private static Stanza withBlockedCondition(Stanza error) {
        Element e = error.element();
        Element.Builder rebuilt = Element.builder(e.name(), e.namespace());
        for (int i = 0; i < e.attributeCount(); i++) {
            rebuilt.attribute(e.attributeName(i), e.attributeValue(i));
        }
        for (Element child : e.elements()) {
            rebuilt.child(child.is("error", Namespaces.STANZA)
                    ? child.toBuilder().attribute("type", "cancel").child(Element.of("blocked", ERRORS_NAMESPACE)).build()
                    : child);
        }
        return Stanza.of(rebuilt.build());
    }

    /**
     * Hands the error straight to the sender's session: routed, it would meet this filter again,
     * coming from a blocked address, and be dropped.
     */
    private void reply(Stanza original, Stanza error) {
        Session sender = original.from().isBare() ? null : sessions.get(original.from());
        if (sender != null) {
            sender.deliver(error);
        } else {
            router.route(error);
        }
    }
}
