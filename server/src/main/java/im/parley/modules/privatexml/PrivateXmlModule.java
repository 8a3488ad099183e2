package im.parley.modules.privatexml;

import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.modules.privatexml.PrivateXmlStore.Key;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Private XML Storage (XEP-0049): a user stores XML fragments on the server, each under the
 * qualified name of its root element, and only that user can read them back.
 */
public final class PrivateXmlModule implements Module {
    public static final String NAMESPACE = "jabber:iq:private";
    /** Longest element name and namespace the store's columns hold. */
    private static final int MAX_NAME = 255;
    private static final int MAX_NAMESPACE = 1023;

    private final PrivateXmlStore store;
    private final PrivateXmlConfig config;

    public PrivateXmlModule(PrivateXmlStore store, PrivateXmlConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public void start(ModuleContext context) {
        context.accountFeature(NAMESPACE);
        context.handleIq(IqScope.ACCOUNT, NAMESPACE, this::handle);
    }

    Stanza handle(IqRequest request) {
        Stanza iq = request.iq();
        if (!iq.from().bare().equals(iq.to())) {
            return iq.error(StanzaError.FORBIDDEN, "Private data belongs to its owner only");
        }
        List<Element> fragments = iq.payload().elements();
        String refusal = refusal(fragments);
        if (refusal != null) {
            return iq.error(StanzaError.NOT_ACCEPTABLE, refusal);
        }
        String username = iq.to().local();
        if ("get".equals(iq.type())) {
            return get(iq, username, fragments);
        }
        return set(iq, username, fragments);
    }

    /**
     * Why these fragments cannot be stored or asked for, or null: §3 requires at least one child
     * in its own namespace, and the namespaces it calls reserved are refused as it allows.
     */
    private static String refusal(List<Element> fragments) {
        if (fragments.isEmpty()) {
            return "The query needs a child element in its own namespace";
        }
        for (Element fragment : fragments) {
            String ns = fragment.namespace();
            if (ns.isEmpty() || ns.equals(NAMESPACE)) {
                return "The child element needs its own namespace";
            }
            if (isReserved(ns)) {
                return "The namespace " + ns + " is reserved";
            }
            if (ns.length() > MAX_NAMESPACE || fragment.name().length() > MAX_NAME) {
                return "The element name or namespace is too long";
            }
        }
        return null;
    }

    /** XEP-0049 §3: namespaces beginning with 'jabber:' or 'http://jabber.org/', and 'vcard-temp'. */
    static boolean isReserved(String namespace) {
        return namespace.startsWith("jabber:") || namespace.startsWith("http://jabber.org/")
                || namespace.equals("vcard-temp");
    }

    /** Returns what is stored under the requested element's name, or that empty element when nothing is. */
    private Stanza get(Stanza iq, String username, List<Element> fragments) {
        if (fragments.size() > 1) {
            return iq.error(StanzaError.BAD_REQUEST, "Ask for one namespace at a time");
        }
        Element asked = fragments.get(0);
        List<Element> stored = store.load(username, new Key(asked.namespace(), asked.name()))
                .map(XmlText::read).orElse(List.of(Element.of(asked.name(), asked.namespace())));
        return iq.result(Element.builder("query", NAMESPACE).children(stored).build());
    }

    private Stanza set(Stanza iq, String username, List<Element> fragments) {
        Map<Key, String> texts = new LinkedHashMap<>();
        groupByKey(fragments).forEach((key, elements) -> texts.put(key, XmlText.write(elements)));
        long total = totalAfter(username, texts);
        if (total > config.maxBytes()) {
            return iq.error(StanzaError.POLICY_VIOLATION,
                    "Private storage is limited to " + config.maxBytes() + " bytes per user");
        }
        store.save(username, texts);
        return iq.result(null);
    }

    /** §3: a set may carry several elements of one namespace; they are stored and returned together. */
    private static Map<Key, List<Element>> groupByKey(List<Element> fragments) {
        Map<Key, List<Element>> byKey = new LinkedHashMap<>();
        for (Element fragment : fragments) {
            byKey.computeIfAbsent(new Key(fragment.namespace(), fragment.name()), k -> new ArrayList<>()).add(fragment);
        }
        return byKey;
    }

    /** The user's stored bytes once these texts replace what their keys hold now. */
    private long totalAfter(String username, Map<Key, String> texts) {
        Map<Key, Integer> sizes = store.sizes(username);
        texts.forEach((key, xml) -> sizes.put(key, XmlText.byteLength(xml)));
        return sizes.values().stream().mapToLong(Integer::longValue).sum();
    }
}
