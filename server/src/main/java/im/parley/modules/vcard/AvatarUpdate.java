package im.parley.modules.vcard;

import im.parley.module.ClientStanzaHook;
import im.parley.session.Session;
import im.parley.xml.Element;
import im.parley.xmpp.Stanza;

/**
 * XEP-0153: adds the avatar hash of the user's stored vCard to presence broadcasts from clients
 * that do not take part in the protocol (no {@code <x xmlns='vcard-temp:x:update'/>}), so that
 * their contacts still learn of the avatar. A client that includes the element speaks for itself
 * (§4.1), and stays untouched.
 */
final class AvatarUpdate implements ClientStanzaHook {
    static final String NAMESPACE = "vcard-temp:x:update";

    private final VCardStore store;

    AvatarUpdate(VCardStore store) {
        this.store = store;
    }

    @Override
    public Stanza handle(Session sender, Stanza stanza) {
        if (!isAvailableBroadcast(stanza) || stanza.element().child("x", NAMESPACE) != null) {
            return stanza;
        }
        return store.photoHash(sender.jid().local()).map(hash -> withHash(stanza, hash)).orElse(stanza);
    }

    /** Available presence without a 'to': the broadcast that carries avatar updates to contacts. */
    private static boolean isAvailableBroadcast(Stanza stanza) {
        return stanza.isPresence() && stanza.to() == null && stanza.element().attribute("type") == null;
    }

    private static Stanza withHash(Stanza presence, String hash) {
        Element update = Element.builder("x", NAMESPACE)
                .child(Element.builder("photo", NAMESPACE).text(hash).build())
                .build();
        return Stanza.of(presence.element().toBuilder().child(update).build());
    }
}
