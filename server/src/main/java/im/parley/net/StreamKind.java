package im.parley.net;

import im.parley.xmpp.Namespaces;

/**
 * What sets one kind of XML stream apart on the wire (RFC 6120 §4.7, §4.8): its content namespace,
 * a namespace prefix its header declares beside {@code stream} (XEP-0220's {@code db} on
 * server-to-server streams), and the header's {@code version} and {@code xml:lang} (null: left out).
 *
 * @param prefix a prefix the header declares for {@code prefixNamespace}, whose elements are then
 *     written with it (servers that match prefixed names literally know them only so); or null
 */
public record StreamKind(String contentNamespace, String version, String lang, String prefix, String prefixNamespace) {
    /** Client-to-server streams (RFC 6120 §4.8.3). */
    public static final StreamKind CLIENT = new StreamKind(Namespaces.CLIENT, "1.0", "en", null, null);
}
