package im.parley.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * External components (XEP-0114, accept mode: the component connects to the server) and their
 * listener ({@code components:} section). The listener opens only when a component is configured.
 *
 * @param onConflict what a second connection for a domain already connected does: replace the
 *     first (a component reconnecting before the server noticed its old connection was gone,
 *     as XEP-0225 expects) or be refused with {@code conflict}
 * @param maxQueuedBytes the bytes that may wait for a component that reads slower than it is
 *     sent to; beyond, its stream ends with {@code policy-violation} (a component takes the
 *     traffic of many users, hence more than a client's cap)
 */
public record ComponentsConfig(String bindAddress, int port, Conflict onConflict, int maxQueuedBytes,
        List<Component> accept) {
    /** What a second connection for a connected component's domain does. */
    public enum Conflict {
        /** The old stream ends with a {@code conflict} stream error; the new one takes the domain. */
        REPLACE,
        /** The new stream is refused with a {@code conflict} stream error; the old one keeps the domain. */
        REFUSE
    }

    /**
     * One component allowed to connect.
     *
     * @param domain the domain it serves (every address there is routed to it)
     * @param secret the shared secret of its handshake
     * @param name how the hosts' disco#items name it, or null
     * @param privileges what it may do in the users' name (XEP-0356)
     * @param delegations the IQ namespaces the server hands to it (XEP-0355, admin mode)
     */
    public record Component(String domain, String secret, String name, Privileges privileges,
            List<String> delegations) {
        public Component {
            delegations = List.copyOf(delegations);
        }

        @Override
        public String toString() {
            // Never the secret: configurations end up in logs.
            return "Component[" + domain + "]";
        }

        static Component read(ConfigSection s) {
            String domain = s.parsed("domain", null, "a domain name", ParleyConfig::domain);
            if (domain == null) {
                throw s.error("domain", "every component needs its domain");
            }
            String secret = s.string("secret", null);
            if (secret == null || secret.isEmpty()) {
                throw s.error("secret", "the component " + domain + " needs a shared secret");
            }
            return new Component(domain, secret, s.string("name", null), s.section("privileges", Privileges::read),
                    s.list("delegations", List.of(), "IQ payload namespaces", Component::namespace));
        }

        private static String namespace(String value) {
            if (value.isBlank()) {
                throw new IllegalArgumentException("empty");
            }
            return value;
        }
    }

    /** XEP-0356 roster access: the IQ types a privileged entity may send to a user's roster. */
    public enum RosterAccess {
        NONE, GET, SET, BOTH;

        public boolean allows(String iqType) {
            return switch (this) {
                case NONE -> false;
                case GET -> iqType.equals("get");
                case SET -> iqType.equals("set");
                case BOTH -> true;
            };
        }
    }

    /** XEP-0356 message access: whether a privileged entity may send messages in the users' name. */
    public enum MessageAccess { NONE, OUTGOING }

    /**
     * What a component may do as a privileged entity (XEP-0356), all off by default: read or
     * change any user's roster, send messages from any user's bare JID.
     */
    public record Privileges(RosterAccess roster, MessageAccess message) {
        public static final Privileges NONE = new Privileges(RosterAccess.NONE, MessageAccess.NONE);

        public boolean any() {
            return !equals(NONE);
        }

        static Privileges read(ConfigSection s) {
            return new Privileges(s.choice("roster", RosterAccess.NONE), s.choice("message", MessageAccess.NONE));
        }
    }

    public ComponentsConfig {
        accept = List.copyOf(accept);
    }

    static ComponentsConfig read(ConfigSection s) {
        List<Component> accept = s.sectionList("accept", Component::read);
        Set<String> domains = new HashSet<>();
        Set<String> delegated = new HashSet<>();
        for (Component component : accept) {
            if (!domains.add(component.domain())) {
                throw s.error("accept", "the component domain " + component.domain() + " is listed twice");
            }
            for (String namespace : component.delegations()) {
                if (!delegated.add(namespace)) {
                    throw s.error("accept", "the namespace " + namespace + " is delegated to two components");
                }
            }
        }
        return new ComponentsConfig(
                s.parsed("bind-address", "127.0.0.1", "an IP address or host name", C2sConfig::address),
                s.port("port", 5347),
                s.choice("on-conflict", Conflict.REPLACE),
                s.integer("max-queued-bytes", 16 * 1_048_576, 65_536, Integer.MAX_VALUE),
                accept);
    }
}
