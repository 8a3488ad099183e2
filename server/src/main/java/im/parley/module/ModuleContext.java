package im.parley.module;

import im.parley.session.LocalSessions;
import im.parley.session.ResumableSessions;
import im.parley.session.Session;

/**
 * What a module may do at start-up: declare what it supports and register its handlers. It sees
 * narrow views only: a way to send stanzas and a read-only directory of sessions. Everything it
 * declares applies on the hosts it is switched on for ({@link #enabledHosts}) and nowhere else:
 * its disco features, handlers and hooks are not consulted for the stanzas of other hosts.
 */
public interface ModuleContext {
    /** Every hosted domain (virtual host), whether or not this module is on for it. */
    Hosts hosts();

    /** The hosted domains this module is switched on for, where its declarations apply. */
    Hosts enabledHosts();

    /**
     * This context declaring for fewer hosts: those of {@code hosts} this module is on for. For a
     * declaration that a host's own options decide (registration announced where it is open).
     */
    ModuleContext on(Hosts hosts);

    /** Announces a feature namespace in the hosted domains' disco#info (XEP-0030). */
    void serverFeature(String namespace);

    /** Announces a feature namespace in the disco#info of every local account's bare JID. */
    void accountFeature(String namespace);

    /** Adds an identity to the hosted domains' disco#info. */
    void serverIdentity(Identity identity);

    /** Describes nodes of the server's JID in disco#info and disco#items queries that name a node. */
    void serverDiscoNodes(DiscoNodes nodes);

    /** Adds an identity to the disco#info of every local account's bare JID (XEP-0163's pubsub/pep). */
    void accountIdentity(Identity identity);

    /**
     * Describes nodes of local accounts' bare JIDs in disco#info and disco#items queries that name
     * a node ({@code host} of {@link DiscoNodes} is then the account's bare JID), and lists them in
     * the account's own disco#items ({@link DiscoNodes#entityItems}).
     */
    void accountDiscoNodes(DiscoNodes nodes);

    /**
     * Serves {@code <subdomain>.<host>} for every hosted domain: the router hands {@code handler}
     * every stanza addressed to that domain or an address at it, and each host's disco#items lists it.
     */
    void serviceDomain(String subdomain, String name, StanzaHandler handler);

    /** Handles IQ get/set requests whose payload is in {@code namespace} and whose target is {@code scope}. */
    void handleIq(IqScope scope, String namespace, IqHandler handler);

    /** Adds an element to the stream features offered before (or after) authentication. */
    void streamFeature(StreamFeature feature);

    /** Adds a step to client stream negotiation after authentication (offered after those added before). */
    void negotiationStep(NegotiationStep step);

    /** Adds a feature negotiated inside SASL2's {@code <authenticate/>} (XEP-0388), after those added before. */
    void sasl2Inline(Sasl2Inline feature);

    /** Adds a feature a client can switch on inside Bind2's {@code <bind/>} (XEP-0386). */
    void bindInline(BindInline feature);

    /** Handles top-level elements of bound client streams that are not stanzas, by namespace and name. */
    void handleStreamElement(String namespace, String name, StreamElementHandler handler);

    /** Sees stanzas from bound clients before routing; hooks of higher priority run first. */
    void onClientStanza(int priority, ClientStanzaHook hook);

    /** Sees stanzas to local accounts (of the hosts it is on for) before delivery; hooks of higher priority run first. */
    void onDelivery(int priority, DeliveryHook hook);

    /**
     * Sees stanzas from local accounts of the hosts it is on for to local accounts of any host,
     * before delivery, in the same order as {@link #onDelivery}, and to addresses on other servers
     * before they leave: for rules the sender's host applies to what its users send (XEP-0191's
     * outbound blocking).
     */
    void onDeliveryFrom(int priority, DeliveryHook hook);

    /** Is offered messages that no available resource can take. */
    void onUndeliverableMessage(UndeliverableMessageHook hook);

    /** Is told how each message to a local account ended (delivered, stored offline, bounced). */
    void onDelivered(DeliveryListener listener);

    /** Takes presence addressed to a hosted domain itself (the server's own presence, RFC 6121 §4.3). */
    void onServerPresence(StanzaHandler handler);

    void onSession(SessionListener listener);

    /** For the presence module: tells the session listeners that a session sent initial presence. */
    void sessionAvailable(Session session);

    /** For the presence module: tells the session listeners that a session now takes messages to its bare JID. */
    void sessionAcceptsMessages(Session session);

    /** Sends stanzas (the server is the author of their 'from'). */
    StanzaSender stanzas();

    /** The bound sessions, read-only. */
    LocalSessions sessions();

    /** Sessions kept for stream resumption (XEP-0198). */
    ResumableSessions resumableSessions();
}
