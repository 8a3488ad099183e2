package im.parley.modules.caps;

import im.parley.xmpp.Jid;
import java.util.Map;
import java.util.Set;

/**
 * What clients support, by their verified entity capabilities (XEP-0115): the caps module's
 * service to features that decide per client, such as XEP-0163's {@code +notify} filters.
 */
public interface ClientCapabilities {
    /** Told when a session's verified capabilities are new to it: on its first presence with caps, or changed. */
    @FunctionalInterface
    interface Listener {
        /** Runs on the session's thread, or on a virtual thread when the caps had to be verified first. */
        void capabilitiesChanged(Jid fullJid, Set<String> features);
    }

    /** The verified features of a client by its full JID; empty when it is offline or its caps are unknown. */
    Set<String> features(Jid fullJid);

    void onChange(Listener listener);

    /**
     * Told when the verified capabilities of a remote contact's resource are new to a local account
     * its available presence reached (a contact subscribed to the account's presence, XEP-0163 §4.3).
     */
    @FunctionalInterface
    interface ContactListener {
        /** Runs on the thread that routed the presence, or on a virtual thread when the caps had to be verified first. */
        void capabilitiesChanged(Jid account, Jid contactResource, Set<String> features);
    }

    void onContactChange(ContactListener listener);

    /**
     * The resources of a remote contact (bare JID) subscribed to the account's presence whose
     * available presence reached the account, each with its verified features (empty when unknown).
     */
    Map<Jid, Set<String>> contactResources(Jid account, Jid contact);

    /**
     * Asks for the presence of a remote contact the account is subscribed to (a probe from one of the
     * account's available resources, RFC 6121 §4.3), so that the caps of its resources become known:
     * for a contact that has just subscribed to the account's presence, whose presence reached the
     * account before that and was not kept. Nothing when the account has no available resource.
     */
    void probeContact(Jid account, Jid contact);
}
