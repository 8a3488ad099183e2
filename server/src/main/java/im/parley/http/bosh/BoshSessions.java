package im.parley.http.bosh;

import im.parley.auth.TlsInfo;
import im.parley.config.BoshConfig;
import im.parley.stream.ClientStream;
import im.parley.stream.Connection;
import im.parley.xml.XmlLimits;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BOSH sessions (XEP-0124, XEP-0206) of a server's HTTP listeners, by session id: creates a
 * session for a request without 'sid' and hands every other request to its session's event loop.
 * Each session is a {@link Connection} under a {@link ClientStream}, as a TCP connection is.
 */
public final class BoshSessions {
    private static final Logger log = LoggerFactory.getLogger(BoshSessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BoshConfig config;
    private final XmlLimits limits;
    private final Duration unauthenticated;
    private final int maxQueuedBytes;
    private final LongAdder queuedTotal;
    private final boolean trustLoopback;
    private final Function<Connection, ClientStream> streams;
    private final Map<String, BoshSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param unauthenticated time a session has to authenticate and bind
     * @param maxQueuedBytes the bytes that may wait for a client that makes no request to take them
     * @param queuedTotal the bytes waiting for clients, which the sessions' queues add to (the client listener's)
     * @param trustLoopback plain HTTP from a loopback address counts as secure (see {@code http.trust-loopback})
     */
    public BoshSessions(BoshConfig config, XmlLimits limits, Duration unauthenticated, int maxQueuedBytes,
            LongAdder queuedTotal, boolean trustLoopback, Function<Connection, ClientStream> streams) {
        this.config = config;
        this.limits = limits;
        this.unauthenticated = unauthenticated;
        this.maxQueuedBytes = maxQueuedBytes;
        this.queuedTotal = queuedTotal;
        this.trustLoopback = trustLoopback;
        this.streams = streams;
    }

    /** Sessions open now. */
    public int size() {
        return sessions.size();
    }

    /** A POST to the endpoint, on its connection's event loop (the request is released after). */
    void receive(Channel channel, FullHttpRequest request, boolean tls) {
        try {
            Exchange exchange = new Exchange(channel, request, tls, BoshBody.parse(request.content().nioBuffer(), limits));
            String sid = exchange.body().sid();
            if (sid == null) {
                create(exchange);
                return;
            }
            BoshSession session = sessions.get(sid);
            if (session == null) {
                throw new BoshException(Condition.ITEM_NOT_FOUND, "no session " + sid);
            }
            session.loop().execute(() -> session.receive(exchange));
        } catch (BoshException e) {
            log.info("BOSH request from {} refused ({}): {}", channel.remoteAddress(), e.condition().value(),
                    e.getMessage());
            BoshHandler.respond(channel, request.protocolVersion(), HttpUtil.isKeepAlive(request),
                    HttpResponseStatus.OK, Terms.DEFAULT_CONTENT_TYPE, terminate(e.condition()));
        }
    }

    /** §7: a session on the event loop of the connection that asked for it, which serves all its requests. */
    private void create(Exchange creation) throws BoshException {
        Terms terms = Terms.of(creation.body(), config);
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        InetSocketAddress remote = (InetSocketAddress) creation.channel().remoteAddress();
        BoshSession session = new BoshSession(this, sid, creation.channel().eventLoop(), terms, tlsOf(creation, remote),
                remote, maxQueuedBytes, queuedTotal);
        sessions.put(sid, session);
        log.debug("BOSH session {} for {} (wait {} s, hold {})", sid, remote, terms.waitSeconds(), terms.hold());
        session.start(creation, streams, unauthenticated);
    }

    /**
     * Requests may come over different HTTP connections, so none of their TLS channel bindings is
     * the session's: a session made over HTTPS is secure without channel binding (and must go on
     * over HTTPS, §15), a plain one is secure from a trusted loopback address only.
     */
    private TlsInfo tlsOf(Exchange creation, InetSocketAddress remote) {
        boolean secure = creation.tls() || trustLoopback && remote.getAddress().isLoopbackAddress();
        return secure ? TlsInfo.TRUSTED_PLAINTEXT : TlsInfo.PLAINTEXT;
    }

    void ended(String sid) {
        sessions.remove(sid);
    }

    /** A terminal binding condition's body (§17.2). */
    static String terminate(Condition condition) {
        return BoshBody.response(Map.of("type", "terminate", "condition", condition.value()), "");
    }
}
