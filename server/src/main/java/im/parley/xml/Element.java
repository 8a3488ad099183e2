package im.parley.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An immutable XML element: the unit the stream parser produces and the router passes around.
 *
 * <p>Attributes keep their document order. An attribute in the {@code xml} namespace is named
 * with its prefix ({@code xml:lang}); other namespaced attributes (rare in XMPP) are named in
 * Clark notation ({@code {uri}local}). Children are {@link Element}s and text {@link String}s
 * in document order; adjacent text is merged by the builder.
 */
public final class Element {
    /**
     * The namespace of an element in the content namespace of whatever stream it is written to
     * ({@code jabber:client}, {@code jabber:server}...): a stanza and the descendants that share its
     * namespace carry it, so one element can be written to streams of any content namespace. The
     * parser maps the content namespace to it, the writer maps it back (see {@link XmlWriter}). It is
     * the empty string, so such an element also shows as a plain {@code <message>} in logs; an element
     * explicitly in no namespace ({@code xmlns=''}, which no XMPP payload uses) reads the same.
     */
    public static final String CONTENT_NAMESPACE = "";

    private static final String[] NO_ATTRIBUTES = new String[0];

    private final String name;
    private final String namespace;
    /** name0, value0, name1, value1, ... */
    private final String[] attributes;
    /** Shared by the copies {@link #withAttribute} makes, so their serialized form is shared too. */
    private final Content content;

    private Element(String name, String namespace, String[] attributes, Content content) {
        this.name = name;
        this.namespace = namespace;
        this.attributes = attributes;
        this.content = content;
    }

    public static Builder builder(String name, String namespace) {
        return new Builder(name, namespace);
    }

    /** Shorthand for an empty element. */
    public static Element of(String name, String namespace) {
        return new Element(name, namespace, NO_ATTRIBUTES, Content.EMPTY);
    }

    public String name() {
        return name;
    }

    /** The namespace URI; never null ({@link #CONTENT_NAMESPACE}, "", for the stream's content namespace). */
    public String namespace() {
        return namespace;
    }

    public boolean is(String name, String namespace) {
        return this.name.equals(name) && this.namespace.equals(namespace);
    }

    public String attribute(String attributeName) {
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i].equals(attributeName)) {
                return attributes[i + 1];
            }
        }
        return null;
    }

    public int attributeCount() {
        return attributes.length / 2;
    }

    public String attributeName(int index) {
        return attributes[index * 2];
    }

    public String attributeValue(int index) {
        return attributes[index * 2 + 1];
    }

    /** Children in document order: {@link Element} or {@link String}. */
    public List<Object> children() {
        return content.children;
    }

    /** The children with the memo of their serialized form, for {@link XmlWriter}. */
    Content content() {
        return content;
    }

    public List<Element> elements() {
        List<Element> result = new ArrayList<>(content.children.size());
        for (Object child : content.children) {
            if (child instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    /** The first child element with this name and namespace, or null. */
    public Element child(String childName, String childNamespace) {
        for (Object child : content.children) {
            if (child instanceof Element e && e.is(childName, childNamespace)) {
                return e;
            }
        }
        return null;
    }

    /** The first child element in this namespace, whatever its name, or null. */
    public Element childIn(String childNamespace) {
        for (Object child : content.children) {
            if (child instanceof Element e && e.namespace.equals(childNamespace)) {
                return e;
            }
        }
        return null;
    }

    /** The first child element of any name, or null. */
    public Element firstElement() {
        for (Object child : content.children) {
            if (child instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** All character data directly inside this element, concatenated. */
    public String text() {
        if (content.children.isEmpty()) {
            return "";
        }
        if (content.children.size() == 1 && content.children.get(0) instanceof String s) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (Object child : content.children) {
            if (child instanceof String s) {
                sb.append(s);
            }
        }
        return sb.toString();
    }

    /** Text of the first child element with this name in this element's namespace, or null. */
    public String childText(String childName) {
        Element c = child(childName, namespace);
        return c == null ? null : c.text();
    }

    /**
     * A copy with the attribute set (added at the end, or replaced in place); null removes it. The
     * copy shares this element's children, and with them their serialized form: a stanza sent to
     * many recipients ({@code withTo} per occupant) has its content written once.
     */
    public Element withAttribute(String attributeName, String value) {
        Builder b = builderWithAttributes().attribute(attributeName, value);
        return new Element(name, namespace, b.attributeArray(), content);
    }

    /** A copy without the child elements {@code drop} matches; this element itself when it matches none. */
    public Element withoutChildren(Predicate<Element> drop) {
        if (children().stream().noneMatch(child -> child instanceof Element e && drop.test(e))) {
            return this;
        }
        Builder b = builderWithAttributes();
        for (Object child : children()) {
            if (child instanceof Element e) {
                if (!drop.test(e)) {
                    b.child(e);
                }
            } else {
                b.text((String) child);
            }
        }
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = builderWithAttributes();
        b.children.addAll(content.children);
        return b;
    }

    private Builder builderWithAttributes() {
        Builder b = new Builder(name, namespace);
        for (int i = 0; i < attributes.length; i += 2) {
            b.attribute(attributes[i], attributes[i + 1]);
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Element e
                && name.equals(e.name)
                && namespace.equals(e.namespace)
                && java.util.Arrays.equals(attributes, e.attributes)
                && content.children.equals(e.content.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, content.children) * 31 + java.util.Arrays.hashCode(attributes);
    }

    /** The element serialized as XML, for logs: an element in {@link #CONTENT_NAMESPACE} declares none. */
    @Override
    public String toString() {
        return XmlWriter.toXml(this);
    }

    /** Builds an {@link Element}; not thread-safe, used once. */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private final List<String> attributes = new ArrayList<>(4);
        private final List<Object> children = new ArrayList<>(2);

        private Builder(String name, String namespace) {
            this.name = Objects.requireNonNull(name, "name");
            this.namespace = namespace == null ? "" : namespace;
        }

        public String namespace() {
            return namespace;
        }

        /** Sets (or with a null value removes) an attribute. */
        public Builder attribute(String attributeName, String value) {
            for (int i = 0; i < attributes.size(); i += 2) {
                if (attributes.get(i).equals(attributeName)) {
                    if (value == null) {
                        attributes.remove(i);
                        attributes.remove(i);
                    } else {
                        attributes.set(i + 1, value);
                    }
                    return this;
                }
            }
            if (value != null) {
                attributes.add(attributeName);
                attributes.add(value);
            }
            return this;
        }

        public Builder child(Element child) {
            if (child != null) {
                children.add(child);
            }
            return this;
        }

        public Builder children(Iterable<Element> elements) {
            for (Element e : elements) {
                children.add(e);
            }
            return this;
        }

        /** Adds character data, merged with text just before it. */
        public Builder text(String text) {
            if (text == null || text.isEmpty()) {
                return this;
            }
            int last = children.size() - 1;
            if (last >= 0 && children.get(last) instanceof String previous) {
                children.set(last, previous + text);
            } else {
                children.add(text);
            }
            return this;
        }

        /** Adds a child element holding only text, in this element's namespace. */
        public Builder textChild(String childName, String text) {
            return child(Element.builder(childName, namespace).text(text).build());
        }

        public Element build() {
            Content content = children.isEmpty() ? Content.EMPTY
                    : new Content(Collections.unmodifiableList(new ArrayList<>(children)));
            return new Element(name, namespace, attributeArray(), content);
        }

        private String[] attributeArray() {
            return attributes.isEmpty() ? NO_ATTRIBUTES : attributes.toArray(NO_ATTRIBUTES);
        }
    }

    /**
     * An element's children and, once they have been written twice in the same namespace context,
     * their serialized form, which {@link XmlWriter} then reuses instead of writing them again.
     *
     * <p>The memo is made on the second write, not the first: most elements are written once (a
     * one-to-one message, an IQ result), and for those a memo would only hold a second copy of the
     * content. A second write of the same children means a fan-out (a room's message to each
     * occupant, a presence or PEP broadcast to each contact), where every further recipient reuses
     * it. The memo lives in the children's holder, so it is freed with the last element sharing
     * them and keeps nothing alive longer than the element itself. It holds one namespace context:
     * the memo is made when two writes in a row share one (so a room's one remote occupant written
     * first does not keep its many local ones from sharing theirs), and a write in another context
     * (a server-to-server stream, a WebSocket frame of a prefixed element) writes the children as
     * before.
     *
     * <p>Safe under concurrent first use: the state is one volatile reference, and threads racing
     * to fill it compute equal text, so whichever write lands last is as good as any.
     */
    static final class Content {
        /** A namespace context: {@code namespace} the default in scope, {@code contentNamespace} for the content namespace. */
        record Context(String namespace, String contentNamespace) {
            boolean is(String inScope, String content) {
                return namespace.equals(inScope) && contentNamespace.equals(content);
            }
        }

        /** The children as written in {@code context}. */
        record Memo(Context context, String xml) {
        }

        /** No children: shared by every leaf, since the writer keeps no state for empty content. */
        static final Content EMPTY = new Content(List.of());

        final List<Object> children;
        /** null (never written), the {@link Context} of the first write, or the {@link Memo} of the second. */
        volatile Object written;

        Content(List<Object> children) {
            this.children = children;
        }
    }
}
