package im.parley.modules.vcard;

import im.parley.xmpp.Jid;
import java.util.Optional;

/**
 * Each user's vCard as XML text, with its avatar hash and searchable fields kept alongside so that
 * presence and search need not parse it. Users are bare JIDs of accounts; calls may block.
 */
public interface VCardRepository {
    Optional<String> load(Jid user);

    /** The avatar hash of the stored vCard, empty when there is no vCard or it has no photo. */
    Optional<String> photoHash(Jid user);

    /** Replaces the user's vCard; stores nothing if the account no longer exists. */
    void save(Jid user, VCard vcard, String xml);
}
