package im.parley.xmpp;

import im.parley.xml.Element;
import java.util.List;

/**
 * A message, presence or IQ stanza: its element plus the addresses parsed once at the edge, so
 * that routing never re-parses them. Immutable; the {@code with...} methods return copies.
 */
public final class Stanza {
    /** The three stanza kinds of RFC 6120 §8. */
    public enum Kind {
        MESSAGE, PRESENCE, IQ;

        private final String elementName = name().toLowerCase(java.util.Locale.ROOT);

        public String elementName() {
            return elementName;
        }

        static Kind of(String elementName) {
            return switch (elementName) {
                case "message" -> MESSAGE;
                case "presence" -> PRESENCE;
                case "iq" -> IQ;
                default -> null;
            };
        }
    }

    private final Element element;
    private final Kind kind;
    private final Jid to;
    private final Jid from;

    private Stanza(Element element, Kind kind, Jid to, Jid from) {
        this.element = element;
        this.kind = kind;
        this.to = to;
        this.from = from;
    }

    /** True when the element is a stanza: a message, presence or IQ in the {@link Namespaces#STANZA neutral namespace}. */
    public static boolean isStanza(Element element) {
        return Namespaces.STANZA.equals(element.namespace()) && Kind.of(element.name()) != null;
    }

    /** A presence of this type with no addresses and no content (unavailable, probe...): address it with {@link #withAddresses}. */
    public static Stanza presence(String type) {
        return of(Element.builder("presence", Namespaces.STANZA).attribute("type", type).build());
    }

    /**
     * Wraps a stanza element; throws {@link JidFormatException} when 'to' or 'from' is not a
     * valid address and {@link IllegalArgumentException} when the element is not a stanza.
     */
    public static Stanza of(Element element) {
        Kind kind = Kind.of(element.name());
        if (kind == null || !Namespaces.STANZA.equals(element.namespace())) {
            throw new IllegalArgumentException("not a stanza: " + element.name());
        }
        String to = element.attribute("to");
        String from = element.attribute("from");
        return new Stanza(element, kind, to == null ? null : Jid.parse(to), from == null ? null : Jid.parse(from));
    }

    public Element element() {
        return element;
    }

    public Kind kind() {
        return kind;
    }

    public Jid to() {
        return to;
    }

    public Jid from() {
        return from;
    }

    public String id() {
        return element.attribute("id");
    }

    /** The 'type' attribute, or the default type of RFC 6120/6121: "normal" for messages, "available" for presence. */
    public String type() {
        String type = element.attribute("type");
        if (type != null) {
            return type;
        }
        return switch (kind) {
            case MESSAGE -> "normal";
            case PRESENCE -> "available";
            case IQ -> "";
        };
    }

    public boolean isIq() {
        return kind == Kind.IQ;
    }

    public boolean isMessage() {
        return kind == Kind.MESSAGE;
    }

    public boolean isPresence() {
        return kind == Kind.PRESENCE;
    }

    public boolean isError() {
        return "error".equals(element.attribute("type"));
    }

    /** An IQ request (get or set) rather than a response. */
    public boolean isRequest() {
        String type = element.attribute("type");
        return kind == Kind.IQ && ("get".equals(type) || "set".equals(type));
    }

    /** The first child element of an IQ: its payload, which names the handler by namespace. */
    public Element payload() {
        return element.firstElement();
    }

    public Stanza withFrom(Jid newFrom) {
        return new Stanza(element.withAttribute("from", newFrom == null ? null : newFrom.toString()), kind, to, newFrom);
    }

    public Stanza withTo(Jid newTo) {
        return new Stanza(element.withAttribute("to", newTo == null ? null : newTo.toString()), kind, newTo, from);
    }

    public Stanza withAddresses(Jid newFrom, Jid newTo) {
        Element e = element.toBuilder()
                .attribute("from", newFrom == null ? null : newFrom.toString())
                .attribute("to", newTo == null ? null : newTo.toString())
                .build();
        return new Stanza(e, kind, newTo, newFrom);
    }

    /** An IQ result answering this request, from its recipient to its sender, with an optional payload. */
    public Stanza result(Element payload) {
        Element.Builder b = Element.builder("iq", Namespaces.STANZA).attribute("type", "result").attribute("id", id());
        b.child(payload);
        return new Stanza(b.build(), Kind.IQ, null, null).withAddresses(to, from);
    }

    /** The error answer to this stanza (RFC 6120 §8.3), addressed back to its sender. */
    public Stanza error(StanzaError condition, String text) {
        return error(condition, text, List.of());
    }

    /**
     * The error answer with application-specific elements (RFC 6120 §8.3.4) after the condition
     * and the text, such as XEP-0363's {@code <file-too-large/>} or {@code <retry/>}.
     */
    public Stanza error(StanzaError condition, String text, List<Element> application) {
        Element.Builder b = Element.builder(element.name(), Namespaces.STANZA).attribute("type", "error");
        if (id() != null) {
            b.attribute("id", id());
        }
        if (kind != Kind.IQ) {
            // Messages and presence carry their original payload back so the sender knows what failed.
            for (Element child : element.elements()) {
                b.child(child);
            }
        }
        Element.Builder error = Element.builder("error", Namespaces.STANZA).attribute("type", condition.type())
                .child(Element.of(condition.elementName(), Namespaces.STANZA_ERRORS));
        if (text != null) {
            error.child(Element.builder("text", Namespaces.STANZA_ERRORS).attribute("xml:lang", "en").text(text).build());
        }
        error.children(application);
        b.child(error.build());
        return new Stanza(b.build(), kind, null, null).withAddresses(to, from);
    }

    public Stanza error(StanzaError condition) {
        return error(condition, null);
    }

    @Override
    public String toString() {
        return element.toString();
    }
}
