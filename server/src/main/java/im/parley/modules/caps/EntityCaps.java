package im.parley.modules.caps;

import im.parley.xml.Element;
import im.parley.xmpp.Stanza;

/**
 * An entity capabilities annotation (XEP-0115 §4): {@code <c xmlns='http://jabber.org/protocol/caps'
 * hash='sha-1' node='...' ver='...'/>}, on presence or as a stream feature.
 */
public record EntityCaps(String hash, String node, String ver) {
    public static final String NAMESPACE = "http://jabber.org/protocol/caps";

    /** What a verified ver stands for: the same hash and ver mean the same features, whatever the node. */
    public record Verification(String hash, String ver) {
    }

    /**
     * The annotation a presence carries, or null when it has none or it lacks a 'hash' (the
     * legacy format of §8, whose ver cannot be verified, so it is ignored).
     */
    public static EntityCaps of(Stanza presence) {
        Element c = presence.element().child("c", NAMESPACE);
        if (c == null) {
            return null;
        }
        String hash = c.attribute("hash");
        String node = c.attribute("node");
        String ver = c.attribute("ver");
        return hash == null || node == null || ver == null ? null : new EntityCaps(hash, node, ver);
    }

    public Verification verification() {
        return new Verification(hash, ver);
    }

    /** The disco node to query for these capabilities (§6.2): node '#' ver. */
    public String discoNode() {
        return node + "#" + ver;
    }

    public Element toElement() {
        return Element.builder("c", NAMESPACE).attribute("hash", hash).attribute("node", node)
                .attribute("ver", ver).build();
    }
}
