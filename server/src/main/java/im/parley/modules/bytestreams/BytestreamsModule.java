package im.parley.modules.bytestreams;

import im.parley.module.HostSettings;
import im.parley.module.Hosts;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.Origin;
import im.parley.module.ServiceDomain;
import im.parley.module.StanzaSender;
import im.parley.net.EventLoops;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SOCKS5 Bytestreams (XEP-0065), the proxy: {@code proxy.<host>} tells the host's users its network
 * address (§6.3.2) and activates the bytestreams they negotiated through it (§6.3.4); the bytes
 * themselves go through {@link Socks5Proxy}. Only the hosted domains' accounts may use it: a proxy
 * open to anyone relays anyone's traffic on the operator's bandwidth.
 */
public final class BytestreamsModule implements Module {
    public static final String NAMESPACE = "http://jabber.org/protocol/bytestreams";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    private static final String NAME = "SOCKS5 Bytestreams Proxy";
    private static final Logger log = LoggerFactory.getLogger(BytestreamsModule.class);

    private final BytestreamsConfig config;
    private final Socks5Proxy proxy;
    private StanzaSender out;
    private Hosts hosts;
    private int port;

    public BytestreamsModule(HostSettings<BytestreamsConfig> settings, EventLoops loops) {
        this.config = settings.server();
        this.proxy = new Socks5Proxy(loops, config.maxConnections(), config.activationTimeout());
    }

    @Override
    public void start(ModuleContext context) {
        out = context.stanzas();
        hosts = context.hosts();
        try {
            InetSocketAddress bound = proxy.bind(config.address(), config.port());
            port = bound.getPort();
            log.info("SOCKS5 bytestreams proxy on {}, announced as {}:{}", bound, config.publicHost(), port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the SOCKS5 proxy", e);
        }
        context.serviceDomain(config.subdomain(), NAME, this::handle);
    }

    @Override
    public void stop() {
        proxy.close();
    }

    private void handle(Stanza stanza, Origin origin) {
        if (!ServiceDomain.isRequest(stanza, out)) {
            return;
        }
        Element query = stanza.payload();
        if (stanza.to().local() != null || query == null || query.attribute("node") != null) {
            out.route(stanza.error(StanzaError.SERVICE_UNAVAILABLE));
        } else if (query.is("query", DISCO_INFO) && stanza.type().equals("get")) {
            out.route(stanza.result(Element.builder("query", DISCO_INFO)
                    .child(Element.builder("identity", DISCO_INFO).attribute("category", "proxy")
                            .attribute("type", "bytestreams").attribute("name", NAME).build())
                    .child(Element.builder("feature", DISCO_INFO).attribute("var", DISCO_INFO).build())
                    .child(Element.builder("feature", DISCO_INFO).attribute("var", NAMESPACE).build()).build()));
        } else if (query.is("query", DISCO_ITEMS) && stanza.type().equals("get")) {
            out.route(stanza.result(Element.of("query", DISCO_ITEMS)));
        } else if (query.is("query", NAMESPACE)) {
            out.route(bytestreams(stanza, query));
        } else {
            out.route(stanza.error(StanzaError.SERVICE_UNAVAILABLE));
        }
    }

    private Stanza bytestreams(Stanza iq, Element query) {
        if (iq.from() == null || !hosts.isAccount(iq.from())) {
            return iq.error(StanzaError.FORBIDDEN, "This proxy serves the accounts of this server");
        }
        if (iq.type().equals("get")) {
            // §6.3.2: where to connect.
            return iq.result(Element.builder("query", NAMESPACE).child(Element.builder("streamhost", NAMESPACE)
                    .attribute("jid", iq.to().toString()).attribute("host", config.publicHost())
                    .attribute("port", Integer.toString(port)).build()).build());
        }
        String sid = query.attribute("sid");
        Jid target = Jid.parseOrNull(query.childText("activate"));
        if (sid == null || sid.isEmpty() || target == null) {
            return iq.error(StanzaError.BAD_REQUEST, "Activation needs a sid and the target's JID in <activate/>");
        }
        // §5.3.2: DST.ADDR = hex SHA-1 of SID + requester's JID + target's JID (both normalized).
        return switch (proxy.activate(address(sid, iq.from(), target))) {
            case ACTIVATED -> iq.result(null);
            case ONE_PARTY_ONLY -> iq.error(StanzaError.NOT_ALLOWED, "Both parties must be connected, and only once");
            case NO_SUCH_STREAM -> iq.error(StanzaError.NOT_AUTHORIZED, "No connection for this bytestream");
        };
    }

    static String address(String sid, Jid requester, Jid target) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest((sid + requester + target).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }
}
