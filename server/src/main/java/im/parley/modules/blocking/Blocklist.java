package im.parley.modules.blocking;

import im.parley.xmpp.Jid;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One user's blocked addresses (XEP-0191), immutable. An item blocks an address by the JID
 * matching rules of XEP-0191 §5 (those of XEP-0016 privacy lists): a full JID blocks only that
 * resource, a bare JID every resource of the account, {@code domain/resource} only that resource
 * of the domain, and a domain the domain itself and every address at it.
 */
public record Blocklist(Set<Jid> items) {
    public static final Blocklist EMPTY = new Blocklist(Set.of());

    public Blocklist {
        items = Set.copyOf(items);
    }

    /** Whether stanzas from or to {@code address} are blocked. */
    public boolean blocks(Jid address) {
        if (items.isEmpty()) {
            return false;
        }
        return items.contains(address)
                || items.contains(address.bare())
                || (address.local() != null && !address.isBare()
                        && items.contains(Jid.of(null, address.domain(), address.resource())))
                || items.contains(Jid.domain(address.domain()));
    }

    /** This list plus {@code added}. */
    public Blocklist with(Collection<Jid> added) {
        Set<Jid> all = new LinkedHashSet<>(items);
        all.addAll(added);
        return new Blocklist(all);
    }

    /** This list without {@code removed}. */
    public Blocklist without(Collection<Jid> removed) {
        Set<Jid> rest = new LinkedHashSet<>(items);
        rest.removeAll(removed);
        return new Blocklist(rest);
    }
}
