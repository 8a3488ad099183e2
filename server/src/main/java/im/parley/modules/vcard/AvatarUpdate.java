package im.parley.modules.vcard;

import im.parley.module.ClientStanzaHook;
import im.parley.session.Session;
import im.parley.session.SessionKey;
import im.parley.xml.Element;
import im.parley.xmpp.Stanza;
import java.util.Optional;

/**
 * XEP-0153: adds the avatar hash of the user's stored vCard to presence broadcasts from clients
 * that do not take part in the protocol (no {@code <x xmlns='vcard-temp:x:update'/>}), so that
 * their contacts still learn of the avatar. A client that includes the element speaks for itself
 * (§4.1), and stays untouched.
 *
 * <p>Each session reads the hash from the store once, at its first broadcast, and keeps it:
 * presence changes often, the vCard seldom, and {@link #photoChanged} updates every session of
 * the user when it does.
 */
final class AvatarUpdate implements ClientStanzaHook {
    static final String NAMESPACE = "vcard-temp:x:update";
    /** The hash of the user's vCard photo, empty without one; absent until the first broadcast. */
    private static final SessionKey<Optional<String>> PHOTO_HASH = new SessionKey<>("vcard.photo-hash");

    private final VCardRepository store;

    AvatarUpdate(VCardRepository store) {
        this.store = store;
    }

    @Override
    public Stanza handle(Session sender, Stanza stanza) {
        if (!isAvailableBroadcast(stanza) || stanza.element().child("x", NAMESPACE) != null) {
            return stanza;
        }
        return photoHash(sender).map(hash -> withHash(stanza, hash)).orElse(stanza);
    }

    /** Called after the user's new vCard is stored, for each of their sessions. */
    static void photoChanged(Session session, String hash) {
        session.put(PHOTO_HASH, Optional.ofNullable(hash));
    }

    private Optional<String> photoHash(Session sender) {
        Optional<String> known = sender.get(PHOTO_HASH);
        if (known != null) {
            return known;
        }
        Optional<String> stored = store.photoHash(sender.jid().bare());
        // A vCard stored meanwhile has put its newer hash: that one stays.
        Optional<String> newer = sender.putIfAbsent(PHOTO_HASH, stored);
        return newer != null ? newer : stored;
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
