package im.parley.module;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import java.util.UUID;

/**
 * A client's SASL2 {@code <authenticate/>} (XEP-0388 §2.3): the mechanism, the initial response,
 * the {@code <user-agent/>} it describes itself with, and the whole element, whose other children
 * are the inline features it asks for (Bind2's {@code <bind/>}, XEP-0198's {@code <resume/>}...).
 *
 * @param initialResponse the base64 text of {@code <initial-response/>}, or null when there is none
 * @param userAgentId the user agent's 'id', a UUID the client keeps for its installation (§2.3
 *     requires one), in its canonical form; null when there is none or it is no UUID
 * @param software the {@code <software/>} text, or null
 * @param device the {@code <device/>} text, or null
 */
public record Sasl2Request(String mechanism, String initialResponse, String userAgentId, String software,
        String device, Element element) {
    private static final int CANONICAL_UUID_LENGTH = 36;

    public static Sasl2Request parse(Element authenticate) {
        Element userAgent = authenticate.child("user-agent", Namespaces.SASL2);
        Element initial = authenticate.child("initial-response", Namespaces.SASL2);
        return new Sasl2Request(authenticate.attribute("mechanism"), initial == null ? null : initial.text(),
                userAgent == null ? null : uuid(userAgent.attribute("id")),
                userAgent == null ? null : userAgent.childText("software"),
                userAgent == null ? null : userAgent.childText("device"), authenticate);
    }

    private static String uuid(String id) {
        if (id == null || id.length() != CANONICAL_UUID_LENGTH) {
            return null;
        }
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The inline request {@code <name xmlns='namespace'/>}, or null when the client did not ask for it. */
    public Element inline(String name, String namespace) {
        return element.child(name, namespace);
    }
}
