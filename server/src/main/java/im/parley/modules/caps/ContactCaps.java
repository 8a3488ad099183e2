package im.parley.modules.caps;

import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The caps that remote contacts' resources put on the presence they send a local account: per
 * account, per contact (bare JID), per resource (full JID). A remote resource has no session
 * here, so what its presence said is kept for as long as the account hears about it: until its
 * unavailable presence, or until the account's last resource goes offline (presence to an
 * account with no available resource is not delivered, so nothing would tell us it ended).
 */
final class ContactCaps {
    private final Map<Jid, Map<Jid, Map<Jid, EntityCaps>>> byAccount = new ConcurrentHashMap<>();

    /** Records what a resource's available presence said; returns the caps it had before (null: none). */
    EntityCaps available(Jid account, Jid resource, EntityCaps caps) {
        Map<Jid, EntityCaps> resources = byAccount.computeIfAbsent(account, a -> new ConcurrentHashMap<>())
                .computeIfAbsent(resource.bare(), c -> new ConcurrentHashMap<>());
        return resources.put(resource, caps);
    }

    /** A resource went unavailable; a bare JID stands for every resource of the contact (a probe's answer). */
    void unavailable(Jid account, Jid contact) {
        Map<Jid, Map<Jid, EntityCaps>> contacts = byAccount.get(account);
        if (contacts == null) {
            return;
        }
        if (contact.isBare()) {
            contacts.remove(contact);
        } else {
            contacts.computeIfPresent(contact.bare(), (bare, resources) -> {
                resources.remove(contact);
                return resources.isEmpty() ? null : resources;
            });
        }
    }

    /** The caps a resource last advertised to the account, or null. */
    EntityCaps get(Jid account, Jid resource) {
        Map<Jid, EntityCaps> resources = byAccount.getOrDefault(account, Map.of()).get(resource.bare());
        return resources == null ? null : resources.get(resource);
    }

    /** The resources of a contact known available to the account, each with the caps it advertised. */
    List<Map.Entry<Jid, EntityCaps>> resources(Jid account, Jid contact) {
        Map<Jid, EntityCaps> resources = byAccount.getOrDefault(account, Map.of()).get(contact);
        return resources == null ? List.of() : List.copyOf(resources.entrySet());
    }

    /** The account went offline: what its contacts said no longer reaches it. */
    void forget(Jid account) {
        byAccount.remove(account);
    }
}
