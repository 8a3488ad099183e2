package im.parley.s2s;

import im.parley.tls.ServerCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds the addresses of a remote domain's server (RFC 6120 §3.2): a static route from the
 * configuration first, then the targets of its {@code _xmpps-server._tcp} SRV records (direct
 * TLS, XEP-0368) and then of its {@code _xmpp-server._tcp} ones (STARTTLS), each in RFC 2782's
 * order (by priority, then drawn by weight), else the domain's own address records on port 5269. Blocks on DNS: call it from a
 * virtual thread.
 */
final class PeerResolver {
    private static final Logger log = LoggerFactory.getLogger(PeerResolver.class);

    /** An address to try, and whether TLS starts with the connection there (XEP-0368) or by STARTTLS. */
    record PeerAddress(InetSocketAddress socket, boolean directTls) {
        @Override
        public String toString() {
            return socket + (directTls ? " (direct TLS)" : "");
        }
    }

    private final Map<String, InetSocketAddress> routes;
    private final Resolver resolver;
    /** A cache of its own: another resolver's answers (another test's DNS server) are not ours. */
    private final Cache cache = new Cache(DClass.IN);
    private final int defaultPort;
    /** The draws among SRV targets of one priority (thread-safe: resolving runs on many threads). */
    private final RandomGenerator random = new Random();

    /**
     * @param routes static routes: domain to (unresolved) host and port
     * @param dnsServers the DNS servers to ask; empty: the system's
     */
    PeerResolver(Map<String, InetSocketAddress> routes, List<InetSocketAddress> dnsServers, int defaultPort) {
        this.routes = routes;
        this.defaultPort = defaultPort;
        this.resolver = dnsServers.isEmpty() ? new ExtendedResolver()
                : new ExtendedResolver(dnsServers.stream().map(PeerResolver::resolverAt).toList());
    }

    private static Resolver resolverAt(InetSocketAddress server) {
        return new SimpleResolver(new InetSocketAddress(server.getHostString(), server.getPort()));
    }

    /** The addresses to try, in order; empty when the domain cannot be found. */
    List<PeerAddress> resolve(String domain) {
        InetSocketAddress route = routes.get(domain);
        if (route != null) {
            return staticRoute(domain, route).stream().map(address -> new PeerAddress(address, false)).toList();
        }
        List<PeerAddress> result = new ArrayList<>();
        try {
            // DNS names are ASCII: an internationalized domain is looked up by its A-labels.
            String dnsName = ServerCertificate.dnsName(domain);
            List<SRVRecord> direct = services("_xmpps-server._tcp.", dnsName);
            List<SRVRecord> starttls = services("_xmpp-server._tcp.", dnsName);
            if (direct == null && starttls == null) {
                for (InetAddress address : addresses(Name.fromString(dnsName, Name.root))) {
                    result.add(new PeerAddress(new InetSocketAddress(address, defaultPort), false));
                }
            }
            add(result, direct, true);
            add(result, starttls, false);
        } catch (TextParseException | IllegalArgumentException e) {
            log.debug("Not a DNS name: {}", domain);
        }
        log.debug("{} resolves to {}", domain, result);
        return result;
    }

    private void add(List<PeerAddress> result, List<SRVRecord> services, boolean directTls) {
        for (SRVRecord service : services == null ? List.<SRVRecord>of() : services) {
            for (InetAddress address : addresses(service.getTarget())) {
                result.add(new PeerAddress(new InetSocketAddress(address, service.getPort()), directTls));
            }
        }
    }

    private static List<InetSocketAddress> staticRoute(String domain, InetSocketAddress route) {
        try {
            return List.of(new InetSocketAddress(InetAddress.getByName(route.getHostString()), route.getPort()));
        } catch (UnknownHostException e) {
            log.warn("The static route of {} names {}, which does not resolve", domain, route.getHostString());
            return List.of();
        }
    }

    /**
     * The domain's SRV records in the order to try them ({@link #order}), or null when it has none.
     * A single record whose target is "." says the domain offers no service (§3.2.1).
     */
    private List<SRVRecord> services(String label, String domain) throws TextParseException {
        Record[] records = lookup(Name.fromString(label + domain, Name.root), Type.SRV);
        if (records.length == 0) {
            return null;
        }
        return order(Arrays.stream(records).map(SRVRecord.class::cast)
                .filter(service -> !service.getTarget().equals(Name.root)).toList(), random);
    }

    /**
     * RFC 2782's order: the lowest priority first; among the records of one priority, each next
     * one drawn with a chance in proportion to its weight: a number from 0 to the sum of the
     * weights left (inclusive) picks the first record whose running sum reaches it, the records of
     * weight 0 first in that sum (so that they have a small chance when others have weight).
     */
    static List<SRVRecord> order(List<SRVRecord> records, RandomGenerator random) {
        List<SRVRecord> ordered = new ArrayList<>(records.size());
        for (List<SRVRecord> priority : records.stream()
                .collect(Collectors.groupingBy(SRVRecord::getPriority, TreeMap::new, Collectors.toList())).values()) {
            List<SRVRecord> left = new ArrayList<>(priority);
            left.sort(Comparator.comparing((SRVRecord service) -> service.getWeight() > 0));
            long sum = left.stream().mapToLong(SRVRecord::getWeight).sum();
            while (!left.isEmpty()) {
                long drawn = random.nextLong(sum + 1);
                long running = 0;
                for (Iterator<SRVRecord> it = left.iterator(); it.hasNext();) {
                    SRVRecord service = it.next();
                    running += service.getWeight();
                    if (running >= drawn) {
                        it.remove();
                        ordered.add(service);
                        sum -= service.getWeight();
                        break;
                    }
                }
            }
        }
        return ordered;
    }

    private List<InetAddress> addresses(Name host) {
        List<InetAddress> result = new ArrayList<>();
        for (Record record : lookup(host, Type.A)) {
            result.add(((ARecord) record).getAddress());
        }
        for (Record record : lookup(host, Type.AAAA)) {
            result.add(((AAAARecord) record).getAddress());
        }
        return result;
    }

    private Record[] lookup(Name name, int type) {
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        Record[] records = lookup.run();
        if (records == null) {
            log.debug("No {} record for {}: {}", Type.string(type), name, lookup.getErrorString());
            return new Record[0];
        }
        return records;
    }
}
