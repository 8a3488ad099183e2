package im.parley.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLSocket;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A client that writes XML by hand and reads the server's answers element by element over direct
 * TLS or after STARTTLS, or in the clear to the component port: for protocols no client library in the tests
 * speaks (SASL2, Bind2, FAST, XEP-0114 components). It parses with
 * the JDK's StAX, not with the server's own parser.
 */
public final class XmlClient implements AutoCloseable {
    /** A parsed element: name, namespace, attributes, text and children. */
    public record Node(String name, String namespace, Map<String, String> attributes, String text, List<Node> children) {
        public String attribute(String attributeName) {
            return attributes.get(attributeName);
        }

        /** The first child of that name and namespace, or null. */
        public Node child(String childName, String childNamespace) {
            return children.stream().filter(c -> c.name.equals(childName) && c.namespace.equals(childNamespace))
                    .findFirst().orElse(null);
        }

        public List<Node> children(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        public boolean is(String elementName, String elementNamespace) {
            return name.equals(elementName) && namespace.equals(elementNamespace);
        }

        @Override
        public String toString() {
            return "<" + name + " xmlns='" + namespace + "' " + attributes + ">" + text + children + "</" + name + ">";
        }
    }

    private final Socket socket;
    private final OutputStream out;
    /** Made once the header is sent: the parser reads as soon as it is made. */
    private XMLStreamReader reader;

    private XmlClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Connects to the server's direct TLS port, trusting exactly its certificate. */
    public static XmlClient connect(TestServer server) throws IOException, GeneralSecurityException, XMLStreamException {
        SSLSocket socket = (SSLSocket) server.sslContext().getSocketFactory()
                .createSocket("127.0.0.1", server.server().directTlsPort());
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return new XmlClient(socket);
    }

    /**
     * Connects to the STARTTLS port, negotiates TLS on it and returns the client, whose first
     * stream's features are in {@code plainFeatures[0]}; {@link #open} then opens the stream over TLS.
     */
    public static XmlClient connectStartTls(TestServer server, Node[] plainFeatures)
            throws IOException, GeneralSecurityException, XMLStreamException {
        Socket plain = new Socket("127.0.0.1", server.port());
        plain.setSoTimeout(10_000);
        XmlClient before = new XmlClient(plain);
        plainFeatures[0] = before.open(server.domain());
        before.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        Node proceed = before.next();
        if (!proceed.is("proceed", "urn:ietf:params:xml:ns:xmpp-tls")) {
            throw new IllegalStateException("expected proceed, got " + proceed);
        }
        SSLSocket tls = (SSLSocket) server.sslContext().getSocketFactory().createSocket(plain, "127.0.0.1",
                server.port(), true);
        tls.startHandshake();
        return new XmlClient(tls);
    }

    /** Connects over a plain socket to a loopback port (an external component's, XEP-0114). */
    public static XmlClient connectPlain(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return new XmlClient(socket);
    }

    /** Opens the stream to {@code domain} and returns its {@code <stream:features/>}. */
    public Node open(String domain) throws IOException, XMLStreamException {
        send("<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>");
        readHeader();
        Node features = next();
        if (!features.is("features", "http://etherx.jabber.org/streams")) {
            throw new IllegalStateException("expected features, got " + features);
        }
        return features;
    }

    /**
     * Opens an external component's stream (XEP-0114, {@code jabber:component:accept}) to
     * {@code domain} and returns the server's header as an element without children.
     */
    public Node openComponent(String domain) throws IOException, XMLStreamException {
        send("<?xml version='1.0'?><stream:stream to='" + domain + "' xmlns='jabber:component:accept' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>");
        return readHeader();
    }

    /** Starts reading the server's stream: its header, with its attributes. */
    private Node readHeader() throws IOException, XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        InputStream in = socket.getInputStream();
        reader = factory.createXMLStreamReader(in, "UTF-8");
        while (reader.next() != XMLStreamConstants.START_ELEMENT) {
            // the prolog
        }
        if (!reader.getLocalName().equals("stream")) {
            throw new IllegalStateException("expected the stream header, got " + reader.getLocalName());
        }
        return new Node(reader.getLocalName(), reader.getNamespaceURI(), attributes(), "", List.of());
    }

    private Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        return attributes;
    }

    public void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next top-level element the server sends; fails after 10 s of silence or when the stream ends. */
    public Node next() throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return element();
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                throw new IllegalStateException("the server closed its stream");
            }
        }
        throw new IllegalStateException("the connection ended");
    }

    /** The next top-level element that is not {@code <r xmlns='urn:xmpp:sm:3'/>} (answered by the tests that care). */
    public Node nextIgnoringAckRequests() throws XMLStreamException {
        Node node = next();
        while (node.is("r", "urn:xmpp:sm:3")) {
            node = next();
        }
        return node;
    }

    /** True if the server sends nothing within {@code millis}; the client cannot read after a timeout, so use it last. */
    public boolean silentFor(int millis) throws IOException, XMLStreamException {
        socket.setSoTimeout(millis);
        try {
            next();
            return false;
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof SocketTimeoutException || e.getCause() instanceof SocketTimeoutException) {
                return true;
            }
            throw e;
        }
    }

    private Node element() throws XMLStreamException {
        String name = reader.getLocalName();
        String namespace = Objects.requireNonNullElse(reader.getNamespaceURI(), XMLConstants.NULL_NS_URI);
        Map<String, String> attributes = attributes();
        StringBuilder text = new StringBuilder();
        List<Node> children = new ArrayList<>();
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> children.add(element());
                case XMLStreamConstants.CHARACTERS -> text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return new Node(name, namespace, attributes, text.toString(), children);
                }
                default -> {
                }
            }
        }
    }

    /** Drops the connection without closing the stream, as a phone losing its network does. */
    public void drop() throws IOException {
        socket.close();
    }

    @Override
    public void close() throws IOException {
        if (!socket.isClosed()) {
            try {
                send("</stream:stream>");
            } catch (IOException e) {
                // already gone
            }
            socket.close();
        }
    }
}
