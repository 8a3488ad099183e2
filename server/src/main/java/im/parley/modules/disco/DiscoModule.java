package im.parley.modules.disco;

import im.parley.module.Identity;
import im.parley.module.IqHandler;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.ModuleRegistry;
import im.parley.xml.Element;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.List;

/**
 * Service Discovery (XEP-0030). The answers are generated from what the loaded modules
 * declared, so a feature switched off disappears from disco with it.
 */
public final class DiscoModule implements Module {
    public static final String INFO = "http://jabber.org/protocol/disco#info";
    public static final String ITEMS = "http://jabber.org/protocol/disco#items";
    private static final Identity ACCOUNT = new Identity("account", "registered", null);

    private final ModuleRegistry registry;
    private final String serverName;

    public DiscoModule(ModuleRegistry registry, String serverName) {
        this.registry = registry;
        this.serverName = serverName;
    }

    @Override
    public void start(ModuleContext context) {
        context.serverIdentity(new Identity("server", "im", serverName));
        context.serverFeature(INFO);
        context.serverFeature(ITEMS);
        context.accountFeature(INFO);
        context.accountFeature(ITEMS);
        context.handleIq(IqScope.SERVER, INFO,
                IqHandler.getOnly(r -> info(r, registry.serverIdentities(), registry.serverFeatures())));
        context.handleIq(IqScope.ACCOUNT, INFO,
                IqHandler.getOnly(r -> info(r, List.of(ACCOUNT), registry.accountFeatures())));
        context.handleIq(IqScope.SERVER, ITEMS, IqHandler.getOnly(DiscoModule::noItems));
        context.handleIq(IqScope.ACCOUNT, ITEMS, IqHandler.getOnly(DiscoModule::noItems));
    }

    private static Stanza info(IqRequest request, List<Identity> identities, List<String> features) {
        Stanza iq = request.iq();
        if (iq.payload().attribute("node") != null) {
            return iq.error(StanzaError.ITEM_NOT_FOUND, null);
        }
        Element.Builder query = Element.builder("query", INFO);
        for (Identity identity : identities) {
            query.child(Element.builder("identity", INFO)
                    .attribute("category", identity.category())
                    .attribute("type", identity.type())
                    .attribute("name", identity.name())
                    .build());
        }
        for (String feature : features) {
            query.child(Element.builder("feature", INFO).attribute("var", feature).build());
        }
        return iq.result(query.build());
    }

    /** No components or nodes exist yet, so every item list is empty. */
    private static Stanza noItems(IqRequest request) {
        Stanza iq = request.iq();
        if (iq.payload().attribute("node") != null) {
            return iq.error(StanzaError.ITEM_NOT_FOUND, null);
        }
        return iq.result(Element.of("query", ITEMS));
    }
}
