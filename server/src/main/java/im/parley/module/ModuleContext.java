package im.parley.module;

import im.parley.router.Router;
import im.parley.session.SessionRegistry;

/** What a module may do at start-up: declare what it supports and register its handlers. */
public interface ModuleContext {
    /** The server's XMPP domain. */
    String domain();

    /** Announces a feature namespace in the server's disco#info (XEP-0030). */
    void serverFeature(String namespace);

    /** Announces a feature namespace in the disco#info of every local account's bare JID. */
    void accountFeature(String namespace);

    /** Adds an identity to the server's disco#info. */
    void serverIdentity(Identity identity);

    /** Describes nodes of the server's JID in disco#info and disco#items queries that name a node. */
    void serverDiscoNodes(DiscoNodes nodes);

    /** Handles IQ get/set requests whose payload is in {@code namespace} and whose target is {@code scope}. */
    void handleIq(IqScope scope, String namespace, IqHandler handler);

    /** Adds an element to the stream features offered before (or after) authentication. */
    void streamFeature(StreamFeature feature);

    /** Sees stanzas from bound clients before routing; hooks of higher priority run first. */
    void onClientStanza(int priority, ClientStanzaHook hook);

    /** Sees stanzas to local accounts before delivery; hooks of higher priority run first. */
    void onDelivery(int priority, DeliveryHook hook);

    /** Is offered messages that no available resource can take. */
    void onUndeliverableMessage(UndeliverableMessageHook hook);

    void onSession(SessionListener listener);

    /** For the presence module: tells the session listeners that a session sent initial presence. */
    void sessionAvailable(im.parley.session.Session session);

    /** For the presence module: tells the session listeners that a session now takes messages to its bare JID. */
    void sessionAcceptsMessages(im.parley.session.Session session);

    /** Sends stanzas (the server is the author of their 'from'). */
    Router router();

    SessionRegistry sessions();
}
