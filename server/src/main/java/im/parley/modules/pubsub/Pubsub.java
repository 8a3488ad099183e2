package im.parley.modules.pubsub;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.ArrayList;
import java.util.List;

/** XEP-0060's namespaces, and its errors: a stanza error with a pubsub-specific condition beside it (§7, §6). */
public final class Pubsub {
    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub";
    public static final String OWNER = NAMESPACE + "#owner";
    public static final String EVENT = NAMESPACE + "#event";
    public static final String ERRORS = NAMESPACE + "#errors";
    public static final String NODE_CONFIG = NAMESPACE + "#node_config";
    public static final String PUBLISH_OPTIONS = NAMESPACE + "#publish-options";
    public static final String SUBSCRIBE_OPTIONS = NAMESPACE + "#subscribe_options";
    public static final String SUBSCRIBE_AUTHORIZATION = NAMESPACE + "#subscribe_authorization";
    public static final String RSM = "http://jabber.org/protocol/rsm";

    /**
     * The XEP-0060 §10 features every service here has (PEP adds its own): as {@code pubsub#NAME}
     * in disco#info, with the protocol's namespace itself.
     */
    public static final List<String> FEATURES = List.of("access-open", "access-whitelist", "config-node",
            "create-and-configure", "create-nodes", "delete-items", "delete-nodes", "item-ids", "last-published",
            "modify-affiliations", "outcast-affiliation", "persistent-items", "publish", "publish-options",
            "purge-nodes", "retract-items", "retrieve-affiliations", "retrieve-default", "retrieve-items",
            "retrieve-subscriptions", "subscribe", "manage-subscriptions", "rsm", "subscription-options",
            "subscription-notifications");

    private Pubsub() {
    }

    /** The features' namespaces: the protocol's, then {@code pubsub#NAME} for each of {@code features}. */
    public static List<String> featureNamespaces(List<String> features) {
        List<String> namespaces = new ArrayList<>(List.of(NAMESPACE));
        features.forEach(feature -> namespaces.add(NAMESPACE + "#" + feature));
        return namespaces;
    }

    /**
     * An error answer that the requester can act on: {@code condition} with XEP-0060's
     * {@code pubsubCondition} (e.g. precondition-not-met) or, when null, without one.
     */
    public static Stanza error(Stanza iq, StanzaError condition, String pubsubCondition, String text) {
        Stanza error = iq.error(condition, text);
        if (pubsubCondition == null) {
            return error;
        }
        Element e = error.element();
        Element oldError = e.child("error", Namespaces.STANZA);
        Element newError = oldError.toBuilder().child(Element.of(pubsubCondition, ERRORS)).build();
        Element.Builder b = Element.builder(e.name(), e.namespace());
        for (int i = 0; i < e.attributeCount(); i++) {
            b.attribute(e.attributeName(i), e.attributeValue(i));
        }
        for (Element child : e.elements()) {
            b.child(child == oldError ? newError : child);
        }
        return Stanza.of(b.build());
    }

    /** The failure of a request, carried up to where the IQ is answered. */
    public static final class Failure extends RuntimeException {
        private final StanzaError condition;
        private final String pubsubCondition;

        public Failure(StanzaError condition, String pubsubCondition, String text) {
            super(text, null, false, false);
            this.condition = condition;
            this.pubsubCondition = pubsubCondition;
        }

        public Stanza answer(Stanza iq) {
            return error(iq, condition, pubsubCondition, getMessage());
        }

        public StanzaError condition() {
            return condition;
        }
    }
}
