package im.parley.s2s;

import im.parley.module.Origin;
import im.parley.net.XmlStreamChannel;
import im.parley.stream.StreamEvents;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import im.parley.xmpp.StreamError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream a peer server opened to this one (the receiving side of RFC 6120, XEP-0178 and
 * XEP-0220): STARTTLS, then SASL EXTERNAL for a peer whose certificate proves its domain, or
 * dialback requests, each checked with the peer's authoritative server before the domain pair may
 * send stanzas; and the authoritative side, which answers a receiving
 * server's {@code <db:verify/>} about a key this server made. Negotiation runs on the event loop;
 * stanzas are checked and routed on the stream's own virtual thread.
 */
final class IncomingStream extends ServerStream {
    private static final Logger log = LoggerFactory.getLogger(IncomingStream.class);
    private static final String FEATURES_DIALBACK = "urn:xmpp:features:dialback";

    /** A sender domain (the peer's) and a target domain (ours) authorized on this stream. */
    private record DomainPair(String from, String to) {
    }

    private final Federation federation;
    private final Set<DomainPair> authorized = ConcurrentHashMap.newKeySet();
    /** The peer domains this stream counts against their stream limit ({@link PeerLimits}). */
    private final Set<String> counted = ConcurrentHashMap.newKeySet();
    /** The stream has ended (a stream error, our close or the peer's): a late dialback answer authorizes nothing more. */
    private volatile boolean ended;
    private volatile String streamId;
    /** The current header's 'from' and 'to' (event loop only): the pair SASL EXTERNAL authenticates. */
    private String headerFrom;
    private String headerTo;
    /** SASL EXTERNAL succeeded: the stream after the restart offers it no more. */
    private boolean saslDone;
    /** The peer asked for XEP-0288: the reverse of each pair it authenticates may be sent here. */
    private volatile boolean bidi;
    /**
     * Stanzas handled since the peer enabled stream management (XEP-0198 'h', mod 2^32), or -1
     * while it has not; the stream's thread only, as enabling, counting and answering {@code <r/>}
     * run there in the order the peer sent them.
     */
    private long handled = -1;
    /** The reverse pairs ({@code from} ours, {@code to} the peer's) this stream carries for {@link Federation}. */
    private final Set<DomainPair> reversed = ConcurrentHashMap.newKeySet();
    private final Federation.PairStream reverse = this::sendReverse;

    IncomingStream(Federation federation) {
        this.federation = federation;
    }

    @Override
    StreamEvents connected(XmlStreamChannel channel) {
        connection = channel;
        return this;
    }

    @Override
    public void streamOpened(Element header) {
        String to = header.attribute("to");
        headerFrom = domainOrNull(header.attribute("from"));
        headerTo = to;
        streamId = UUID.randomUUID().toString();
        connection.openStream(to != null && federation.serves(to) ? to : federation.defaultHost(),
                header.attribute("from"), streamId);
        if (to == null) {
            // RFC 6120 §4.7.2: a peer's header MUST name the domain it expects served; naming none, it names none served here.
            fail(StreamError.HOST_UNKNOWN, "The stream header names no domain ('to')");
        } else if (!federation.serves(to)) {
            fail(StreamError.HOST_UNKNOWN, to + " is not served here");
        } else if (headerFrom != null && federation.blocked(headerFrom)) {
            refuseBlocked(headerFrom);
        } else if (!"1.0".equals(header.attribute("version"))) {
            fail(StreamError.UNSUPPORTED_VERSION, "Streams of version 1.0 only (RFC 6120 §4.7.5)");
        } else {
            connection.send(features());
        }
    }

    /** STARTTLS until TLS is on (required unless configured otherwise), then dialback (XEP-0220 §2.3.2). */
    private Element features() {
        Element.Builder features = Element.builder("features", Namespaces.STREAMS);
        if (!connection.isTls()) {
            Element.Builder starttls = Element.builder("starttls", Namespaces.TLS);
            if (federation.requireTls()) {
                starttls.child(Element.of("required", Namespaces.TLS));
            }
            features.child(starttls.build());
        }
        if (connection.isTls() && !saslDone && headerFrom != null
                && federation.proves(connection.peerCertificates(), headerFrom)) {
            // XEP-0178 §3: offered only to a peer whose certificate proves the domain it names.
            features.child(Element.builder("mechanisms", Namespaces.SASL)
                    .child(Element.builder("mechanism", Namespaces.SASL).text("EXTERNAL").build()).build());
        }
        if ((connection.isTls() || !federation.requireTls()) && federation.bidi()) {
            features.child(Element.of("bidi", Bidi.FEATURE));
        }
        if (connection.isTls() || !federation.requireTls()) {
            features.child(Element.of("sm", SM));
        }
        if ((connection.isTls() || !federation.requireTls()) && federation.dialback()) {
            features.child(Element.builder("dialback", FEATURES_DIALBACK)
                    .child(Element.of("errors", FEATURES_DIALBACK)).build());
        }
        return features.build();
    }

    private static String domainOrNull(String value) {
        Jid jid = value == null ? null : Jid.parseOrNull(value);
        return jid != null && jid.isDomain() ? jid.domain() : null;
    }

    /**
     * SASL EXTERNAL (RFC 6120 §6.4, XEP-0178 §3): the certificate proves the header's 'from', which
     * an authorization identity, if given, must repeat. Success authorizes the header's pair.
     */
    private void external(Element auth) {
        String authzid = auth.text().trim();
        String claimed = authzid.isEmpty() || authzid.equals("=") ? headerFrom : decode(authzid);
        boolean proven = "EXTERNAL".equals(auth.attribute("mechanism")) && !saslDone && headerFrom != null
                && headerFrom.equals(claimed) && federation.serves(headerTo)
                && federation.proves(connection.peerCertificates(), headerFrom);
        if (!proven) {
            log.info("SASL EXTERNAL of {} from {} refused", claimed, connection.remoteAddress());
            connection.send(Element.builder("failure", Namespaces.SASL)
                    .child(Element.of("not-authorized", Namespaces.SASL)).build());
            return;
        }
        if (authorize(headerFrom, headerTo, "SASL EXTERNAL")) {
            saslDone = true;
            connection.restartStream(Element.of("success", Namespaces.SASL));
        }
    }

    /**
     * Lets the pair send on this stream, unless the peer domain has as many streams as it may
     * (RFC 6120 §4.9.3.14: policy-violation); the first pair of a domain counts the stream for it.
     */
    private boolean authorize(String from, String to, String method) {
        if (counted.add(from) && !federation.peerLimits().admit(from)) {
            counted.remove(from);
            log.info("Refused a stream from {} ({}): it has as many streams as s2s.max-streams-per-domain allows",
                    from, connection.remoteAddress());
            fail(StreamError.POLICY_VIOLATION, "Too many streams from " + from);
            return false;
        }
        if (ended && counted.remove(from)) {
            // Closed meanwhile (a dialback answer comes late): whoever takes the domain off releases it.
            federation.peerLimits().release(from);
            return false;
        }
        authorized.add(new DomainPair(from, to));
        federation.authenticated(from, to, method, connection.remoteAddress(), true);
        if (bidi && reversed.add(new DomainPair(to, from))) {
            federation.bidirectional(to, from, reverse);
            if (ended) {
                // It ended meanwhile, and may have taken its routes off before this one was added.
                forgetReversed();
            }
        }
        return true;
    }

    /** XEP-0288: one of our stanzas for the peer on its stream; false once the stream is gone (or refused it). */
    private boolean sendReverse(Stanza stanza) {
        if (!connection.send(stanza.element())) {
            forgetReversed();
            return false;
        }
        return true;
    }

    private void forgetReversed() {
        for (DomainPair pair : reversed) {
            federation.gone(pair.from(), pair.to(), reverse);
        }
    }

    /** A stream from a domain on {@code s2s.blocked-domains}: RFC 6120 §4.9.3.14, policy-violation. */
    private void refuseBlocked(String domain) {
        log.info("Refused a stream from {} ({}): the domain is blocked", domain, connection.remoteAddress());
        fail(StreamError.POLICY_VIOLATION, domain + " is blocked here");
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    void handle(Element element) {
        if (element.is("starttls", Namespaces.TLS) && !connection.isTls()) {
            connection.startTls(Element.of("proceed", Namespaces.TLS), federation::acceptTls);
        } else if (federation.requireTls() && !connection.isTls()) {
            fail(StreamError.POLICY_VIOLATION, "STARTTLS is required first");
        } else if (element.is("bidi", Bidi.NAMESPACE) && federation.bidi()) {
            bidi = true;
        } else if (element.is("auth", Namespaces.SASL)) {
            external(element);
        } else if (element.is("result", DIALBACK) && element.attribute("type") == null) {
            dialbackRequest(element);
        } else if (element.is("verify", DIALBACK) && element.attribute("type") == null) {
            verifyRequest(element);
        } else if (Stanza.isStanza(element)) {
            later(element, () -> stanza(element));
        } else if (element.is("enable", SM)) {
            later(element, this::enableStreamManagement);
        } else if (element.is("r", SM)) {
            later(element, this::acknowledge);
        } else {
            fail(StreamError.UNSUPPORTED_STANZA_TYPE, "Unexpected " + element.name());
        }
    }

    /**
     * XEP-0220 §2.2.1: a peer asks to send from its domain to ours with a key; the answer comes
     * from its authoritative server, asked over a connection of our own.
     */
    private void dialbackRequest(Element request) {
        String from = request.attribute("from");
        String to = request.attribute("to");
        if (from == null || Jid.parseOrNull(from) == null || !Jid.parse(from).isDomain() || to == null) {
            fail(StreamError.IMPROPER_ADDRESSING, "A dialback request names its two domains");
            return;
        }
        if (!federation.serves(to)) {
            connection.send(dialbackError(to, from, StanzaError.ITEM_NOT_FOUND));
            return;
        }
        if (federation.blocked(Jid.parse(from).domain())) {
            refuseBlocked(from);
            return;
        }
        if (!federation.dialback()) {
            fail(StreamError.POLICY_VIOLATION, "Dialback is not accepted here: a valid certificate is required");
            return;
        }
        // Asked of the domain as RFC 7622 compares it, so that no spelling of it escapes the cap on verifications.
        federation.verify(to, Jid.parse(from).domain(), streamId, request.text()).whenComplete((valid, failure) -> {
            if (failure != null) {
                log.info("Dialback of {} to {} from {} not verified: {}", from, to, connection.remoteAddress(),
                        failure.getMessage());
                // XEP-0220 §2.4: resource-constraint when we will not ask (too many asked), else the server is unreachable.
                connection.send(dialbackError(to, from, failure instanceof RejectedExecutionException
                        ? StanzaError.RESOURCE_CONSTRAINT : StanzaError.REMOTE_SERVER_NOT_FOUND));
            } else if (valid) {
                if (authorize(Jid.parse(from).domain(), to, "dialback")) {
                    connection.send(dialbackResult(to, from, "valid"));
                }
            } else {
                log.info("Dialback of {} to {} from {} refused: its server does not vouch for the key", from, to,
                        connection.remoteAddress());
                connection.send(dialbackResult(to, from, "invalid"));
            }
        });
    }

    private static Element dialbackResult(String from, String to, String type) {
        return Element.builder("result", DIALBACK).attribute("from", from).attribute("to", to)
                .attribute("type", type).build();
    }

    /** XEP-0220 §2.4: a dialback error, when the peer announced it understands them (we only talk to those). */
    private static Element dialbackError(String from, String to, StanzaError condition) {
        return Element.builder("result", DIALBACK).attribute("from", from).attribute("to", to)
                .attribute("type", "error")
                .child(Element.builder("error", Namespaces.STANZA).attribute("type", condition.type())
                        .child(Element.of(condition.elementName(), Namespaces.STANZA_ERRORS)).build())
                .build();
    }

    /** XEP-0220 §2.1.2, authoritative side: is this a key we made for the stream a receiving server names? */
    private void verifyRequest(Element request) {
        String receiving = request.attribute("from");
        String originating = request.attribute("to");
        String id = request.attribute("id");
        if (receiving == null || originating == null || id == null) {
            fail(StreamError.IMPROPER_ADDRESSING, "A dialback verification names both domains and the stream");
            return;
        }
        boolean valid = federation.serves(originating)
                && federation.keys().verify(receiving, originating, id, request.text());
        connection.send(Element.builder("verify", DIALBACK).attribute("from", originating)
                .attribute("to", receiving).attribute("id", id).attribute("type", valid ? "valid" : "invalid").build());
    }

    /** XEP-0198 §3 for an authenticated peer (no resumption: a new stream starts afresh); before, unexpected-request. */
    private void enableStreamManagement() {
        if (!isAuthenticated() || handled >= 0) {
            connection.send(Element.builder("failed", SM)
                    .child(Element.of("unexpected-request", Namespaces.STANZA_ERRORS)).build());
            return;
        }
        handled = 0;
        connection.send(Element.of("enabled", SM));
    }

    /** {@code <r/>}, answered after every stanza before it was handled (routed: delivered, stored or bounced). */
    private void acknowledge() {
        if (handled < 0) {
            fail(StreamError.UNSUPPORTED_STANZA_TYPE, "Stream management is not enabled");
            return;
        }
        connection.send(Element.builder("a", SM).attribute("h", Long.toString(handled)).build());
    }

    /**
     * RFC 6120 §8.1.1.2 and §4.9.3: a stanza names both ends; its 'from' must be a domain this
     * stream authenticated for its 'to', which must be served here.
     */
    private void stanza(Element element) {
        Stanza stanza = Bidi.stanza(element, this);
        if (stanza == null) {
            return;
        }
        if (!federation.serves(stanza.to().domain())) {
            fail(StreamError.HOST_UNKNOWN, stanza.to().domain() + " is not served here");
        } else if (!authorized.contains(new DomainPair(stanza.from().domain(), stanza.to().domain()))) {
            fail(StreamError.INVALID_FROM, stanza.from().domain() + " is not authenticated for "
                    + stanza.to().domain() + " on this stream");
        } else {
            federation.peerLimits().pace(stanza.from().domain());
            federation.received(stanza, Origin.server(connection.remoteAddress()));
            if (handled >= 0) {
                handled = (handled + 1) & 0xFFFF_FFFFL;
            }
        }
    }

    /** True once a domain pair is authorized: the stream is past its unauthenticated period. */
    @Override
    public boolean isAuthenticated() {
        return !authorized.isEmpty();
    }

    @Override
    public void timedOut(String why) {
        if (isAuthenticated()) {
            idle();
        } else {
            fail(StreamError.CONNECTION_TIMEOUT, why);
        }
    }

    /**
     * A stream error ends the stream: its reverse routes go at once (not when the peer closes, or a
     * send on them fails), so that the next stanza for the peer takes another way.
     */
    @Override
    void fail(StreamError condition, String text) {
        super.fail(condition, text);
        end();
    }

    /** Over, either way: it authorizes nothing more, and carries none of our stanzas from now on (XEP-0288). */
    private void end() {
        ended = true;
        forgetReversed();
    }

    @Override
    void closed() {
        end();
        for (String domain : counted) {
            if (counted.remove(domain)) {
                federation.peerLimits().release(domain);
            }
        }
        log.debug("Incoming server stream from {} closed", connection.remoteAddress());
    }

    @Override
    void idle() {
        end();
        connection.closeStream(null);
    }
}
