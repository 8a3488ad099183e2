package im.parley.module;

import im.parley.xmpp.Stanza;

/**
 * The modules as the router sees them: where it hands a stanza once it knows the destination.
 * The router depends on this interface only; modules never see the router.
 */
public interface Dispatch {
    /**
     * The handler for an IQ payload namespace on {@code host} (the domain addressed, or the
     * account's), or null (the router answers service-unavailable): a feature switched off on that
     * host has none there.
     */
    IqHandler iqHandler(String host, IqScope scope, String namespace);

    /**
     * Runs the delivery hooks of the recipient's host (and the {@code onDeliveryFrom} ones of the
     * sending account's, the only ones for a recipient on another server); returns the stanza to
     * deliver, or null when a hook dealt with it.
     */
    Stanza delivery(Stanza stanza, Origin origin);

    /** Offers an undeliverable message to the hooks of the recipient's host; how it ended when one took it, else null. */
    Delivery.Outcome undeliverable(Stanza message);

    /** Whether any module listens to delivery outcomes: the router builds no event when none does. */
    boolean observesDeliveries();

    void delivered(Delivery delivery);

    /** Presence addressed to a hosted domain itself (RFC 6121 §4.3 probes, subscriptions to the server). */
    void serverPresence(Stanza presence, Origin origin);
}
