package im.parley.it.component;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.TestServer;
import im.parley.testkit.XmlClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * An external component written by hand over a plain socket (XEP-0114 accept mode): it opens
 * its stream, answers the stream id with the handshake and then reads and writes stanzas as text.
 */
final class RawComponent implements AutoCloseable {
    static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    static final String NAMESPACE = "jabber:component:accept";

    private final XmlClient client;

    private RawComponent(XmlClient client) {
        this.client = client;
    }

    /** Connects and completes the handshake; fails the test if the server does not accept it. */
    static RawComponent connect(TestServer server, String domain, String secret) throws Exception {
        XmlClient client = XmlClient.connectPlain(server.server().componentPort());
        XmlClient.Node answer = handshake(client, domain, secret);
        assertThat(answer.is("handshake", NAMESPACE)).as("answer to the handshake: %s", answer).isTrue();
        assertThat(answer.text()).isEmpty();
        return new RawComponent(client);
    }

    /** Tries to connect and returns the condition of the stream error the server answers with. */
    static String refused(TestServer server, String domain, String secret) throws Exception {
        try (XmlClient client = XmlClient.connectPlain(server.server().componentPort())) {
            return condition(handshake(client, domain, secret));
        }
    }

    /** The condition of a {@code <stream:error/>}; fails the test on anything else. */
    static String condition(XmlClient.Node error) {
        assertThat(error.is("error", "http://etherx.jabber.org/streams")).as("a stream error: %s", error).isTrue();
        return error.children().stream().filter(c -> c.namespace().equals(STREAM_ERRORS) && !c.name().equals("text"))
                .findFirst().orElseThrow().name();
    }

    /** Opens the stream and sends the handshake; returns the server's answer (handshake or stream error). */
    private static XmlClient.Node handshake(XmlClient client, String domain, String secret) throws Exception {
        XmlClient.Node header = client.openComponent(domain);
        String id = header.attribute("id");
        if (id == null) {
            // Refused at the header: the stream error follows.
            return client.next();
        }
        byte[] digest = MessageDigest.getInstance("SHA-1").digest((id + secret).getBytes(StandardCharsets.UTF_8));
        client.send("<handshake>" + HexFormat.of().formatHex(digest) + "</handshake>");
        return client.next();
    }

    void send(String xml) throws Exception {
        client.send(xml);
    }

    /** The next element the server writes to the component (10 s at most). */
    XmlClient.Node next() throws Exception {
        return client.next();
    }

    /** True if the server writes nothing within {@code millis}; use it last. */
    boolean silentFor(int millis) throws Exception {
        return client.silentFor(millis);
    }

    /** Drops the connection without closing the stream (a crashed component). */
    void drop() throws Exception {
        client.drop();
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
