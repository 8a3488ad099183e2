package im.parley.component;

import im.parley.config.ComponentsConfig;
import im.parley.module.Hosts;
import im.parley.module.IqScope;
import im.parley.module.ModuleRegistry;
import im.parley.router.RouteTable;
import im.parley.router.StanzaRouter;
import im.parley.xmpp.Jid;
import im.parley.xmpp.JidFormatException;
import im.parley.xmpp.Stanza;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured external components and the stream serving each now. Every configured domain
 * is routed to its {@link Slot} from start-up, connected or not, so that a component that is
 * away makes its stanzas bounce with {@code service-unavailable}; a connected one is listed in
 * every host's disco#items.
 */
public final class Components {
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final ComponentsConfig.Conflict onConflict;
    private final ModuleRegistry listing;
    private final String server;

    /**
     * Routes every configured component's domain (a domain served otherwise already stops start-up).
     *
     * @param hosts the hosted domains, whose users a privileged component may act for (XEP-0356)
     * @param listing where connected components are listed, and delegated namespaces (XEP-0355) handled
     */
    public Components(ComponentsConfig config, RouteTable routes, ModuleRegistry listing, Hosts hosts,
            StanzaRouter router) {
        this.onConflict = config.onConflict();
        this.listing = listing;
        this.server = hosts.domains().getFirst();
        for (ComponentsConfig.Component component : config.accept()) {
            NamespaceDelegation delegation = new NamespaceDelegation(component.domain(), component.delegations(), router);
            for (String namespace : component.delegations()) {
                for (IqScope scope : List.of(IqScope.SERVER, IqScope.ACCOUNT)) {
                    listing.delegate(scope, namespace, own -> delegation.handler(scope, own));
                }
            }
            Slot slot = new Slot(component, new PrivilegedEntity(component.privileges(), hosts, router), delegation);
            slots.put(component.domain(), slot);
            routes.add(new RouteTable.Component(component.domain(), slot));
        }
    }

    /** Whether any component may connect (the listener opens only then). */
    public boolean configured() {
        return !slots.isEmpty();
    }

    /** The slot of a component name from a stream header, or null when none is configured for it. */
    Slot slot(String name) {
        try {
            return slots.get(Jid.parse(name).domain());
        } catch (JidFormatException e) {
            return null;
        }
    }

    /** Ends every component's stream with {@code system-shutdown}. */
    public void shutdown() {
        for (Slot slot : slots.values()) {
            ComponentStream stream = slot.current;
            if (stream != null) {
                stream.shutdown();
            }
        }
    }

    /** One configured component: its settings and the stream that serves its domain now, if any. */
    final class Slot implements RouteTable.Link {
        private final ComponentsConfig.Component config;
        private final PrivilegedEntity privileges;
        private final NamespaceDelegation delegation;
        private volatile ComponentStream current;

        private Slot(ComponentsConfig.Component config, PrivilegedEntity privileges, NamespaceDelegation delegation) {
            this.config = config;
            this.privileges = privileges;
            this.delegation = delegation;
        }

        PrivilegedEntity privileges() {
            return privileges;
        }

        NamespaceDelegation delegation() {
            return delegation;
        }

        /** The domain the component's privilege advertisement comes from: the server's (default) host. */
        String server() {
            return server;
        }

        String domain() {
            return config.domain();
        }

        String secret() {
            return config.secret();
        }

        @Override
        public boolean send(Stanza stanza) {
            ComponentStream stream = current;
            return stream != null && stream.send(stanza);
        }

        /**
         * A stream completed its handshake: it serves the domain from now on, ending the one that
         * did (replace), or is refused while another does (refuse).
         */
        boolean attach(ComponentStream stream) {
            ComponentStream previous;
            synchronized (this) {
                previous = current;
                if (previous != null && onConflict == ComponentsConfig.Conflict.REFUSE) {
                    return false;
                }
                current = stream;
                listing.componentConnected(config.domain(), config.name());
            }
            if (previous != null) {
                previous.replaced();
            }
            return true;
        }

        /** The stream ended: the domain is away, unless a newer stream took it already. */
        synchronized void detach(ComponentStream stream) {
            if (current == stream) {
                current = null;
                listing.componentDisconnected(config.domain());
            }
        }
    }
}
