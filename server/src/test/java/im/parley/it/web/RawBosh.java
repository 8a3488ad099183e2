package im.parley.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * A BOSH client written from XEP-0124 and XEP-0206 with the JDK's HTTP client and DOM parser: it
 * numbers its requests, writes the {@code <body/>} wrappers itself, and hands back the response
 * bodies, so that tests can send what a real client would not (a rid out of order or repeated, a
 * wrong sid, too many requests).
 */
final class RawBosh {
    static final String NS = "http://jabber.org/protocol/httpbind";
    static final String XBOSH = "urn:xmpp:xbosh";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI uri;
    /** The rid of the last request written. */
    long rid = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 40);
    String sid;

    RawBosh(int port) {
        this(URI.create("http://127.0.0.1:" + port + "/http-bind"), HttpClient.newBuilder());
    }

    /** A client of another endpoint (https://, with the server's certificate trusted by {@code http}). */
    RawBosh(URI uri, HttpClient.Builder http) {
        this.uri = uri;
        this.http = http.version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The next request's body (the rid counted), with the session's sid once there is one. */
    String next(String attributes, String payloads) {
        rid++;
        return "<body xmlns='" + NS + "' xmlns:xmpp='" + XBOSH + "' rid='" + rid + "'"
                + (sid == null ? "" : " sid='" + sid + "'") + " " + attributes + ">" + payloads + "</body>";
    }

    CompletableFuture<HttpResponse<String>> postAsync(String text) {
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(WAIT).header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String text) throws Exception {
        return postAsync(text).get();
    }

    /** Posts and parses the response body, which must be a 200. */
    Element request(String text) throws Exception {
        HttpResponse<String> response = post(text);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    Element send(String payloads) throws Exception {
        return request(next("", payloads));
    }

    /** Creates a session (§7) with these attributes besides the rid, and keeps its sid. */
    Element create(String attributes) throws Exception {
        Element body = request(next(attributes, ""));
        sid = body.getAttribute("sid");
        return body;
    }

    Element create() throws Exception {
        return create("to='localhost' wait='30' hold='1' ver='1.6' xmpp:version='1.0' xml:lang='en'");
    }

    /** Creates a session, authenticates with PLAIN (the loopback address is trusted), restarts and binds. */
    Element login(String user, String password, String resource) throws Exception {
        Element created = create();
        assertThat(text(created)).contains("<mechanism>PLAIN</mechanism>");
        String credentials = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        assertThat(awaitPayload(send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials
                + "</auth>"), e -> true).getLocalName()).isEqualTo("success");
        Element restarted = request(next("to='localhost' xml:lang='en' xmpp:restart='true'", ""));
        assertThat(text(awaitPayload(restarted, e -> e.getLocalName().equals("features")))).contains("urn:ietf:params:xml:ns:xmpp-bind");
        Element bound = awaitPayload(send("<iq xmlns='jabber:client' type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>" + resource + "</resource></bind></iq>"), e -> "bind".equals(e.getAttribute("id")));
        assertThat(bound.getAttribute("type")).isEqualTo("result");
        return bound;
    }

    /** The first payload of {@code body}, or of the responses to empty polls after it, that matches. */
    Element awaitPayload(Element body, Predicate<Element> match) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Element response = body;
        while (true) {
            for (Element payload : payloads(response)) {
                if (match.test(payload)) {
                    return payload;
                }
            }
            assertThat(response.getAttribute("type")).as("the session goes on").isNotEqualTo("terminate");
            assertThat(System.nanoTime()).as("a matching payload in time").isLessThan(deadline);
            response = send("");
        }
    }

    static List<Element> payloads(Element body) {
        List<Element> payloads = new ArrayList<>();
        for (Node node = body.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                payloads.add(element);
            }
        }
        return payloads;
    }

    static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element body = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        assertThat(body.getLocalName()).isEqualTo("body");
        assertThat(body.getNamespaceURI()).isEqualTo(NS);
        return body;
    }

    /** An element serialized, enough to look for a word in it. */
    static String text(Element element) {
        var writer = new java.io.StringWriter();
        try {
            javax.xml.transform.TransformerFactory.newInstance().newTransformer().transform(
                    new javax.xml.transform.dom.DOMSource(element), new javax.xml.transform.stream.StreamResult(writer));
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
        return writer.toString();
    }
}
