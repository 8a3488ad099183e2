package im.parley.module;

import im.parley.xmpp.Jid;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of hosted domains (virtual hosts) in configuration order: all those the server serves,
 * or those one feature is switched on for. The one place that says whether a domain is hosted
 * and whether an address is a local account.
 */
public final class Hosts {
    private final List<String> domains;
    private final Set<String> lookup;

    /** @param domains canonical (lower-case) domains; the first of the server's is its default host */
    public Hosts(Collection<String> domains) {
        this.domains = List.copyOf(new LinkedHashSet<>(domains));
        this.lookup = Set.copyOf(domains);
    }

    public static Hosts of(String... domains) {
        return new Hosts(List.of(domains));
    }

    public boolean contains(String domain) {
        return lookup.contains(domain);
    }

    /** An account's address (bare or full) at one of these domains: a local user, not the server or a service. */
    public boolean isAccount(Jid address) {
        return address.local() != null && lookup.contains(address.domain());
    }

    /** An account's address (bare or full) at {@code host}. */
    public static boolean isAccountOf(Jid address, String host) {
        return address.local() != null && address.domain().equals(host);
    }

    /** Throws {@link IllegalArgumentException} for a domain that is not one of these. */
    public void require(String domain) {
        if (!lookup.contains(domain)) {
            throw new IllegalArgumentException(domain + " is not a hosted domain");
        }
    }

    /** In configuration order. */
    public List<String> domains() {
        return domains;
    }

    public boolean isEmpty() {
        return domains.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hosts hosts && hosts.domains.equals(domains);
    }

    @Override
    public int hashCode() {
        return domains.hashCode();
    }

    @Override
    public String toString() {
        return String.join(", ", domains);
    }
}
