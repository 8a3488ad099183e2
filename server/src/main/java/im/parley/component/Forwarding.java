package im.parley.component;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.util.Set;

/**
 * Stanzas inside XEP-0297 {@code <forwarded/>} elements, as privileged entities and namespace
 * delegation exchange them: the server's neutral stanzas go out in {@code jabber:client}, and a
 * forwarded stanza comes in neutral again, whichever stanza namespace the component wrote.
 */
final class Forwarding {
    static final String NAMESPACE = "urn:xmpp:forward:0";
    private static final Set<String> STANZAS = Set.of("message", "presence", "iq");

    private Forwarding() {
    }

    /** {@code <forwarded/>} around a neutral stanza, written in {@code jabber:client}. */
    static Element forwarded(Stanza stanza) {
        return Element.builder("forwarded", NAMESPACE)
                .child(renamed(stanza.element(), Namespaces.STANZA, Namespaces.CLIENT)).build();
    }

    /**
     * The stanza a {@code <forwarded/>} element (or null) carries, neutral; null when it carries
     * no message, presence or IQ in a stanza namespace.
     */
    static Element stanzaIn(Element forwarded) {
        Element stanza = forwarded == null ? null : forwarded.firstElement();
        if (stanza == null || !STANZAS.contains(stanza.name())) {
            return null;
        }
        String namespace = stanza.namespace();
        boolean stanzaNamespace = namespace.equals(Namespaces.CLIENT) || namespace.equals(Namespaces.COMPONENT_ACCEPT)
                || namespace.equals(Namespaces.STANZA);
        return stanzaNamespace ? renamed(stanza, namespace, Namespaces.STANZA) : null;
    }

    /** A copy whose chain of elements in {@code from}, from this one down, is in {@code to}. */
    private static Element renamed(Element element, String from, String to) {
        Element.Builder copy = Element.builder(element.name(), to);
        for (int i = 0; i < element.attributeCount(); i++) {
            copy.attribute(element.attributeName(i), element.attributeValue(i));
        }
        for (Object child : element.children()) {
            if (child instanceof Element e) {
                copy.child(e.namespace().equals(from) ? renamed(e, from, to) : e);
            } else {
                copy.text((String) child);
            }
        }
        return copy.build();
    }
}
