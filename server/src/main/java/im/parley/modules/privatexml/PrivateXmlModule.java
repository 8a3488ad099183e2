package im.parley.modules.privatexml;

import im.parley.module.HostSettings;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.store.MapStore;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Private XML Storage (XEP-0049): a user stores XML fragments on the server, each under the
 * qualified name of its root element, and only that user can read them back. The fragments are a
 * map per user: the key is the qualified name in Clark notation ({@code {namespace}name}, which no
 * XML name can make ambiguous), the value the fragments' XML.
 */
public final class PrivateXmlModule implements Module, PrivateStorage {
    public static final String NAMESPACE = "jabber:iq:private";
    private final MapStore store;
    private final HostSettings<PrivateXmlConfig> settings;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public PrivateXmlModule(MapStore store, HostSettings<PrivateXmlConfig> settings) {
        this.store = store;
        this.settings = settings;
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
        Jid user = iq.to().bare();
        if ("get".equals(iq.type())) {
            return get(iq, user, fragments);
        }
        return set(iq, user, fragments);
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
        }
        return null;
    }

    /** XEP-0049 §3: namespaces beginning with 'jabber:' or 'http://jabber.org/', and 'vcard-temp'. */
    static boolean isReserved(String namespace) {
        return namespace.startsWith("jabber:") || namespace.startsWith("http://jabber.org/")
                || namespace.equals("vcard-temp");
    }

    /** Returns what is stored under the requested element's name, or that empty element when nothing is. */
    private Stanza get(Stanza iq, Jid user, List<Element> fragments) {
        if (fragments.size() > 1) {
            return iq.error(StanzaError.BAD_REQUEST, "Ask for one namespace at a time");
        }
        Element asked = fragments.get(0);
        List<Element> stored = store.get(user, key(asked))
                .map(XmlText::read).orElse(List.of(Element.of(asked.name(), asked.namespace())));
        return iq.result(Element.builder("query", NAMESPACE).children(stored).build());
    }

    private Stanza set(Stanza iq, Jid user, List<Element> fragments) {
        Map<String, String> texts = texts(fragments);
        long total = totalAfter(user, texts);
        int maxBytes = settings.of(user.domain()).maxBytes();
        if (total > maxBytes) {
            return iq.error(StanzaError.POLICY_VIOLATION, "Private storage is limited to " + maxBytes + " bytes per user");
        }
        store.putAll(user, texts);
        listeners.forEach(l -> l.stored(user, fragments));
        return iq.result(null);
    }

    @Override
    public List<Element> get(Jid user, String name, String namespace) {
        return store.get(user, key(Element.of(name, namespace))).map(XmlText::read).orElse(List.of());
    }

    /** Within no size limit: what is put here comes from the user's other storage, limited there. */
    @Override
    public void put(Jid user, List<Element> fragments) {
        store.putAll(user, texts(fragments));
    }

    @Override
    public void onStore(Listener listener) {
        listeners.add(listener);
    }

    /** The XML text to store under each key. */
    private static Map<String, String> texts(List<Element> fragments) {
        Map<String, String> texts = new LinkedHashMap<>();
        groupByKey(fragments).forEach((key, elements) -> texts.put(key, XmlText.write(elements)));
        return texts;
    }

    /** §3: a set may carry several elements of one namespace; they are stored and returned together. */
    private static Map<String, List<Element>> groupByKey(List<Element> fragments) {
        Map<String, List<Element>> byKey = new LinkedHashMap<>();
        for (Element fragment : fragments) {
            byKey.computeIfAbsent(key(fragment), k -> new ArrayList<>()).add(fragment);
        }
        return byKey;
    }

    private static String key(Element fragment) {
        return "{" + fragment.namespace() + "}" + fragment.name();
    }

    /** The user's stored bytes once these texts replace what their keys hold now. */
    private long totalAfter(Jid user, Map<String, String> texts) {
        Map<String, Integer> sizes = store.sizes(user);
        texts.forEach((key, xml) -> sizes.put(key, XmlText.byteLength(xml)));
        return sizes.values().stream().mapToLong(Integer::longValue).sum();
    }
}
