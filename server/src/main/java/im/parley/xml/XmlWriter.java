package im.parley.xml;

import java.util.List;

/**
 * Serializes {@link Element}s. Text and attribute values are escaped so that any string a
 * client sent (or a module built) comes out as well-formed XML.
 */
public final class XmlWriter {
    private XmlWriter() {
    }

    /**
     * The element as a standalone fragment, for logs: elements in the content namespace declare none.
     * It neither uses nor fills the memo of the children, whose context is that of a stream.
     */
    public static String toXml(Element element) {
        StringBuilder sb = new StringBuilder(128);
        write(element, "", Element.CONTENT_NAMESPACE, sb, false);
        return sb.toString();
    }

    /** The element as a standalone fragment, with {@code contentNamespace} standing for the content namespace. */
    public static String toXml(Element element, String contentNamespace) {
        StringBuilder sb = new StringBuilder(128);
        write(element, "", contentNamespace, sb);
        return sb.toString();
    }

    /**
     * Appends the element. An element in {@link Element#CONTENT_NAMESPACE} is written in {@code
     * contentNamespace}, the stream's ("jabber:client" on a client stream); an {@code xmlns} is
     * written only when the element's namespace differs from the default namespace in scope ({@code
     * inheritedNamespace}). So a stanza comes out as {@code <message>} on a stream of any content
     * namespace, and a stanza nested under a payload of another namespace ({@code <forwarded>})
     * declares the stream's content namespace. Its children are written once for all the copies
     * that share them (see {@link #writeContent}).
     */
    public static void write(Element element, String inheritedNamespace, String contentNamespace, StringBuilder out) {
        write(element, inheritedNamespace, contentNamespace, out, true);
    }

    /**
     * Appends the element's children, with {@code namespace} the default namespace in scope. The
     * children of copies made by {@link Element#withAttribute} are the same object: the second time
     * they are written in the same context their text is kept, and from then on appended as it is
     * (see {@code Element.Content} for when and how long).
     */
    public static void writeContent(Element element, String namespace, String contentNamespace, StringBuilder out) {
        Element.Content content = element.content();
        Object written = content.written;
        if (written instanceof Element.Content.Memo memo && memo.context().is(namespace, contentNamespace)) {
            out.append(memo.xml());
            return;
        }
        int start = out.length();
        writeChildren(content.children, namespace, contentNamespace, out);
        if (written instanceof Element.Content.Context last && last.is(namespace, contentNamespace)) {
            content.written = new Element.Content.Memo(last, out.substring(start));
        } else if (!(written instanceof Element.Content.Memo) && !content.children.isEmpty()) {
            content.written = new Element.Content.Context(namespace, contentNamespace);
        }
    }

    /** @param memoized whether the children may use and fill their memo; descendants do not, the outermost memo covers them */
    private static void write(Element element, String inheritedNamespace, String contentNamespace, StringBuilder out,
            boolean memoized) {
        out.append('<').append(element.name());
        String ns = element.namespace().equals(Element.CONTENT_NAMESPACE) ? contentNamespace : element.namespace();
        if (!ns.equals(inheritedNamespace)) {
            out.append(" xmlns=\"");
            escapeAttribute(ns, out);
            out.append('"');
        }
        int prefixes = 0;
        for (int i = 0; i < element.attributeCount(); i++) {
            String name = element.attributeName(i);
            out.append(' ');
            if (name.charAt(0) == '{') {
                // Clark notation: declare a private prefix for this attribute's namespace.
                int end = name.indexOf('}');
                String prefix = "a" + prefixes++;
                out.append("xmlns:").append(prefix).append("=\"");
                escapeAttribute(name.substring(1, end), out);
                out.append("\" ").append(prefix).append(':').append(name, end + 1, name.length());
            } else {
                out.append(name);
            }
            out.append("=\"");
            escapeAttribute(element.attributeValue(i), out);
            out.append('"');
        }
        if (element.children().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        if (memoized) {
            writeContent(element, ns, contentNamespace, out);
        } else {
            writeChildren(element.children(), ns, contentNamespace, out);
        }
        out.append("</").append(element.name()).append('>');
    }

    private static void writeChildren(List<Object> children, String namespace, String contentNamespace, StringBuilder out) {
        for (Object child : children) {
            if (child instanceof Element e) {
                write(e, namespace, contentNamespace, out, false);
            } else {
                escapeText((String) child, out);
            }
        }
    }

    public static void escapeText(String text, StringBuilder out) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }

    public static void escapeAttribute(String value, StringBuilder out) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> out.append(c);
            }
        }
    }
}
