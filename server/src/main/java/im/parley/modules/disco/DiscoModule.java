package im.parley.modules.disco;

import im.parley.module.Declarations;
import im.parley.module.DiscoNodes;
import im.parley.module.Identity;
import im.parley.module.IqHandler;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.ServiceDomain;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
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

    private final Declarations registry;
    private final String serverName;

    public DiscoModule(Declarations registry, String serverName) {
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
        context.handleIq(IqScope.SERVER, INFO, IqHandler.getOnly(this::serverInfo));
        context.handleIq(IqScope.ACCOUNT, INFO,
                IqHandler.getOnly(r -> info(r, List.of(ACCOUNT), registry.accountFeatures())));
        context.handleIq(IqScope.SERVER, ITEMS, IqHandler.getOnly(this::serverItems));
        context.handleIq(IqScope.ACCOUNT, ITEMS, IqHandler.getOnly(DiscoModule::noItems));
    }

    /** The server itself, or one of the nodes a module describes (XEP-0030 §3.2). */
    private Stanza serverInfo(IqRequest request) {
        Stanza iq = request.iq();
        String node = iq.payload().attribute("node");
        if (node == null) {
            return iq.result(infoQuery(null, registry.serverIdentities(), registry.serverFeatures()));
        }
        for (DiscoNodes nodes : registry.serverDiscoNodes()) {
            DiscoNodes.Info info = nodes.info(iq.from(), node);
            if (info != null) {
                return iq.result(infoQuery(node, info.identities(), info.features()));
            }
        }
        return iq.error(StanzaError.ITEM_NOT_FOUND, null);
    }

    /** The host's items are its service domains (§4.1); a node's items come from the module that describes it (§4.2). */
    private Stanza serverItems(IqRequest request) {
        Stanza iq = request.iq();
        String node = iq.payload().attribute("node");
        if (node == null) {
            List<DiscoNodes.Item> services = registry.serviceDomains(iq.to().domain()).stream()
                    .map(DiscoModule::item).toList();
            return iq.result(itemsQuery(null, services));
        }
        for (DiscoNodes nodes : registry.serverDiscoNodes()) {
            List<DiscoNodes.Item> items = nodes.items(iq.from(), node);
            if (items != null) {
                return iq.result(itemsQuery(node, items));
            }
        }
        return iq.error(StanzaError.ITEM_NOT_FOUND, null);
    }

    private static DiscoNodes.Item item(ServiceDomain service) {
        return new DiscoNodes.Item(Jid.domain(service.domain()), null, service.name());
    }

    private static Stanza info(IqRequest request, List<Identity> identities, List<String> features) {
        Stanza iq = request.iq();
        if (iq.payload().attribute("node") != null) {
            return iq.error(StanzaError.ITEM_NOT_FOUND, null);
        }
        return iq.result(infoQuery(null, identities, features));
    }

    private static Element infoQuery(String node, List<Identity> identities, List<String> features) {
        Element.Builder query = Element.builder("query", INFO).attribute("node", node);
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
        return query.build();
    }

    private static Element itemsQuery(String node, List<DiscoNodes.Item> items) {
        Element.Builder query = Element.builder("query", ITEMS).attribute("node", node);
        for (DiscoNodes.Item item : items) {
            query.child(Element.builder("item", ITEMS)
                    .attribute("jid", item.jid().toString())
                    .attribute("node", item.node())
                    .attribute("name", item.name())
                    .build());
        }
        return query.build();
    }

    /** Nothing is published at an account's own JID yet, so its item list is empty. */
    private static Stanza noItems(IqRequest request) {
        Stanza iq = request.iq();
        if (iq.payload().attribute("node") != null) {
            return iq.error(StanzaError.ITEM_NOT_FOUND, null);
        }
        return iq.result(Element.of("query", ITEMS));
    }
}
