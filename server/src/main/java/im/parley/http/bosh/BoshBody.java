package im.parley.http.bosh;

import im.parley.xml.Element;
import im.parley.xml.XmlLimits;
import im.parley.xml.XmlStreamException;
import im.parley.xml.XmlStreamParser;
import im.parley.xml.XmlWriter;
import im.parley.xmpp.Namespaces;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code <body/>} wrapper of XEP-0124 §6: a request's is parsed with the stream parser (the
 * same restricted XML and limits as a TCP stream; its stanzas, in {@code jabber:client} or left in
 * the wrapper's namespace by older clients (XEP-0206 §4), come out neutral), a response's is
 * written around payloads serialized as documents of their own.
 */
final class BoshBody {
    static final String NAMESPACE = "http://jabber.org/protocol/httpbind";
    /** XEP-0206's attributes: {@code xmpp:version}, {@code xmpp:restart}, {@code xmpp:restartlogic}. */
    static final String XBOSH = "urn:xmpp:xbosh";
    /** XEP-0124 §6: 'rid' stays below 2^53, which clients in weakly typed languages can still count. */
    private static final long MAX_RID = (1L << 53) - 1;
    private static final XmlStreamParser.Root ROOT = new XmlStreamParser.Root("body", NAMESPACE, Namespaces.CLIENT);

    private BoshBody() {
    }

    /** A request's wrapper (its attributes) and payloads. */
    record Request(Element wrapper, List<Element> payloads) {
        String attribute(String name) {
            return wrapper.attribute(name);
        }

        /** An attribute of XEP-0206's namespace ({@code xmpp:restart}). */
        String xbosh(String name) {
            return wrapper.attribute('{' + XBOSH + '}' + name);
        }

        String sid() {
            return attribute("sid");
        }

        /** The request id, which every request has (§6). */
        long rid() throws BoshException {
            Long rid = number("rid");
            if (rid == null || rid > MAX_RID) {
                throw new BoshException(Condition.BAD_REQUEST, "'rid' missing or out of range: " + attribute("rid"));
            }
            return rid;
        }

        boolean terminates() {
            return "terminate".equals(attribute("type"));
        }

        /** XEP-0206 §5: the client asks for a new stream after SASL. */
        boolean restart() {
            String restart = xbosh("restart");
            return "true".equals(restart) || "1".equals(restart);
        }

        /** A non-negative integer attribute, or null when absent; bad-request when it is anything else. */
        Long number(String name) throws BoshException {
            String value = attribute(name);
            if (value == null) {
                return null;
            }
            try {
                long number = Long.parseLong(value);
                if (number >= 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // refused below, as a negative number is
            }
            throw new BoshException(Condition.BAD_REQUEST, "'" + name + "' is not a non-negative integer: " + value);
        }
    }

    /** Parses one HTTP request's content; bad-request unless it is exactly one well-formed {@code <body/>}. */
    static Request parse(ByteBuffer content, XmlLimits limits) throws BoshException {
        List<Element> payloads = new ArrayList<>();
        Element[] wrapper = new Element[1];
        boolean[] closed = new boolean[1];
        XmlStreamParser parser = new XmlStreamParser(limits, new XmlStreamParser.Listener() {
            @Override
            public void streamOpened(Element header, String contentNamespace) {
                wrapper[0] = header;
            }

            @Override
            public void element(Element element) {
                payloads.add(element);
            }

            @Override
            public void streamClosed() {
                closed[0] = true;
            }
        }, ROOT);
        try {
            parser.feed(content);
        } catch (XmlStreamException e) {
            throw new BoshException(Condition.BAD_REQUEST, e.condition() + ": " + e.getMessage());
        }
        if (!closed[0]) {
            throw new BoshException(Condition.BAD_REQUEST, "not one complete <body/> in " + NAMESPACE);
        }
        return new Request(wrapper[0], payloads);
    }

    /**
     * A response's wrapper around {@code payloads} (each declaring its namespace); the prefixes
     * {@code xmpp} and {@code stream} are declared on it for its attributes and a stream error.
     */
    static String response(Map<String, String> attributes, CharSequence payloads) {
        StringBuilder sb = new StringBuilder(160 + payloads.length()).append("<body xmlns='").append(NAMESPACE)
                .append("' xmlns:xmpp='").append(XBOSH).append("' xmlns:stream='").append(Namespaces.STREAMS).append('\'');
        attributes.forEach((name, value) -> {
            sb.append(' ').append(name).append("='");
            XmlWriter.escapeAttribute(value, sb);
            sb.append('\'');
        });
        return payloads.isEmpty() ? sb.append("/>").toString() : sb.append('>').append(payloads).append("</body>").toString();
    }
}
