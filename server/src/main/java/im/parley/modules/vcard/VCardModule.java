package im.parley.modules.vcard;

import im.parley.module.HostSettings;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * vCard-temp (XEP-0054): users store their own vCard and anyone may read it at their bare JID;
 * its photo's hash is advertised in their presence (XEP-0153, see {@link AvatarUpdate}).
 */
public final class VCardModule implements Module, VCards {
    /** Runs before the presence module's broadcast (priority 0), which then sends the rewritten presence. */
    static final int AVATAR_HOOK_PRIORITY = 10;

    private final VCardRepository store;
    private final HostSettings<VCardConfig> settings;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private ModuleContext context;

    public VCardModule(VCardRepository store, HostSettings<VCardConfig> settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public void start(ModuleContext context) {
        this.context = context;
        context.serverFeature(VCard.NAMESPACE);
        context.accountFeature(VCard.NAMESPACE);
        context.handleIq(IqScope.ACCOUNT, VCard.NAMESPACE, this::handle);
        context.onClientStanza(AVATAR_HOOK_PRIORITY, new AvatarUpdate(store));
    }

    Stanza handle(IqRequest request) {
        Stanza iq = request.iq();
        boolean own = iq.from().bare().equals(iq.to());
        if ("get".equals(iq.type())) {
            return get(iq, own);
        }
        if (!own) {
            return iq.error(StanzaError.FORBIDDEN, "Only the owner may change a vCard");
        }
        return set(iq);
    }

    /**
     * XEP-0054 §3.1: no vCard of one's own is an empty vCard; §3.3: another user's missing vCard
     * is service-unavailable, the same error as a missing account, so accounts cannot be harvested.
     */
    private Stanza get(Stanza iq, boolean own) {
        Optional<String> xml = store.load(iq.to().bare());
        if (xml.isPresent()) {
            return iq.result(XmlText.read(xml.get()).get(0));
        }
        return own ? iq.result(Element.of("vCard", VCard.NAMESPACE)) : iq.error(StanzaError.SERVICE_UNAVAILABLE);
    }

    private Stanza set(Stanza iq) {
        Element vcard = iq.payload();
        if (!vcard.is("vCard", VCard.NAMESPACE)) {
            return iq.error(StanzaError.BAD_REQUEST, "The payload is <vCard xmlns='vcard-temp'/>");
        }
        String xml = XmlText.write(List.of(vcard));
        int maxBytes = settings.of(iq.to().domain()).maxBytes();
        if (XmlText.byteLength(xml) > maxBytes) {
            return iq.error(StanzaError.POLICY_VIOLATION, "A vCard is limited to " + maxBytes + " bytes");
        }
        VCard stored = new VCard(vcard);
        save(iq.to().bare(), stored, xml);
        listeners.forEach(l -> l.stored(iq.to().bare(), stored));
        return iq.result(null);
    }

    private void save(Jid user, VCard vcard, String xml) {
        store.save(user, vcard, xml);
        context.sessions().sessionsOf(user).forEach(s -> AvatarUpdate.photoChanged(s, vcard.photoHash()));
    }

    @Override
    public Optional<VCard> get(Jid user) {
        return store.load(user).map(xml -> new VCard(XmlText.readOne(xml)));
    }

    /** Within no size limit: what is put here comes from the user's other storage (an avatar), limited there. */
    @Override
    public void put(Jid user, VCard vcard) {
        save(user, vcard, XmlText.write(List.of(vcard.element())));
    }

    @Override
    public void onStore(Listener listener) {
        listeners.add(listener);
    }
}
