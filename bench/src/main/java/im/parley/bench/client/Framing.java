package im.parley.bench.client;

/**
 * How a client's stream is opened and closed and its elements written on one transport: a TCP
 * stream's header and closing tag, or XMPP over WebSocket's {@code <open/>} and {@code <close/>}
 * (RFC 7395 §3.3), where every element is a document of its own and so names its namespace.
 */
enum Framing {
    TCP {
        @Override
        String open(String domain) {
            return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                    + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' to='" + domain + "'>";
        }

        @Override
        String close() {
            return "</stream:stream>";
        }

        @Override
        String element(String xml) {
            return xml;
        }
    },
    WEBSOCKET {
        @Override
        String open(String domain) {
            return "<open xmlns='" + NAMESPACE + "' to='" + domain + "' version='1.0'/>";
        }

        @Override
        String close() {
            return "<close xmlns='" + NAMESPACE + "'/>";
        }

        /** RFC 7395 §3.3.3: a stanza's frame declares {@code jabber:client}, which a TCP stream's header declares once. */
        @Override
        String element(String xml) {
            int tagEnd = xml.indexOf('>');
            int nameEnd = 1;
            while (nameEnd < tagEnd && " />".indexOf(xml.charAt(nameEnd)) < 0) {
                nameEnd++;
            }
            if (tagEnd < 0 || xml.lastIndexOf("xmlns=", tagEnd) >= 0) {
                return xml;
            }
            return xml.substring(0, nameEnd) + " xmlns='jabber:client'" + xml.substring(nameEnd);
        }
    };

    /** The namespace of RFC 7395's {@code <open/>} and {@code <close/>}. */
    static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-framing";

    /** What opens (or, after STARTTLS or SASL, restarts) the stream to {@code domain}. */
    abstract String open(String domain);

    /** What ends the stream. */
    abstract String close();

    /** One top-level element as this transport writes it. */
    abstract String element(String xml);
}
