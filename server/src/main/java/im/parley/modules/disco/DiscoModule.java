package im.parley.modules.disco;

import im.parley.module.Declarations;
import im.parley.module.DiscoNodes;
import im.parley.module.Identity;
import im.parley.module.IqHandler;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.PresenceAuthorization;
import im.parley.module.ServiceDomain;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Service Discovery (XEP-0030). The answers are generated from what the loaded modules declared
 * for the host asked, so a feature switched off (on that host) disappears from disco with it. The
 * server answers for its accounts' bare JIDs (§3.1, §4.1), to the account's own resources and to
 * the entities the account lets see its presence (§8): others learn nothing about the account.
 */
public final class DiscoModule implements Module {
    public static final String INFO = "http://jabber.org/protocol/disco#info";
    public static final String ITEMS = "http://jabber.org/protocol/disco#items";
    private static final Identity ACCOUNT = new Identity("account", "registered", null);

    private final Declarations registry;
    private final String serverName;
    private final PresenceAuthorization authorization;
    private LocalSessions sessions;

    public DiscoModule(Declarations registry, String serverName, PresenceAuthorization authorization) {
        this.registry = registry;
        this.serverName = serverName;
        this.authorization = authorization;
    }

    @Override
    public void start(ModuleContext context) {
        sessions = context.sessions();
        context.serverIdentity(new Identity("server", "im", serverName));
        context.serverFeature(INFO);
        context.serverFeature(ITEMS);
        context.accountFeature(INFO);
        context.accountFeature(ITEMS);
        context.handleIq(IqScope.SERVER, INFO, IqHandler.getOnly(this::serverInfo));
        // Answered for missing accounts as for accounts that do not share their presence (§8).
        context.handleIq(IqScope.ACCOUNT, INFO, IqHandler.answeringMissingAccounts(IqHandler.getOnly(this::accountInfo)));
        context.handleIq(IqScope.SERVER, ITEMS, IqHandler.getOnly(this::serverItems));
        context.handleIq(IqScope.ACCOUNT, ITEMS,
                IqHandler.answeringMissingAccounts(IqHandler.getOnly(this::accountItems)));
    }

    /** The server itself, or one of the nodes a module describes (XEP-0030 §3.2). */
    private Stanza serverInfo(IqRequest request) {
        Stanza iq = request.iq();
        String node = iq.payload().attribute("node");
        String host = iq.to().domain();
        if (node == null) {
            return iq.result(infoQuery(null, registry.serverIdentities(host), registry.serverFeatures(host)));
        }
        for (DiscoNodes nodes : registry.serverDiscoNodes(host)) {
            DiscoNodes.Info info = nodes.info(iq.from(), iq.to(), node);
            if (info != null) {
                return iq.result(infoQuery(node, info.identities(), info.features()));
            }
        }
        return iq.error(StanzaError.ITEM_NOT_FOUND, null);
    }

    /** The host's items are its service domains and the connected components (§4.1); a node's items come from the module that describes it (§4.2). */
    private Stanza serverItems(IqRequest request) {
        Stanza iq = request.iq();
        String node = iq.payload().attribute("node");
        if (node == null) {
            List<DiscoNodes.Item> services = Stream.concat(
                    registry.serviceDomains(iq.to().domain()).stream().map(DiscoModule::item),
                    registry.components().stream()).toList();
            return iq.result(itemsQuery(null, services));
        }
        for (DiscoNodes nodes : registry.serverDiscoNodes(iq.to().domain())) {
            List<DiscoNodes.Item> items = nodes.items(iq.from(), iq.to(), node);
            if (items != null) {
                return iq.result(itemsQuery(node, items));
            }
        }
        return iq.error(StanzaError.ITEM_NOT_FOUND, null);
    }

    private static DiscoNodes.Item item(ServiceDomain service) {
        return new DiscoNodes.Item(Jid.domain(service.domain()), null, service.name());
    }

    /**
     * §3.1: the account's identities and the features the server provides for it. §8 rule 1: a
     * requester the account does not let see its presence, and anyone asking about an account that
     * does not exist (no one may see its presence), gets service-unavailable, so that disco tells
     * no stranger which accounts exist. A node (XEP-0163's PEP nodes) is the module's to describe:
     * it decides who may learn of it, and answers item-not-found for what it does not show.
     */
    private Stanza accountInfo(IqRequest request) {
        Stanza iq = request.iq();
        String node = iq.payload().attribute("node");
        if (node != null) {
            return accountNodeInfo(iq, node);
        }
        if (!maySeePresence(iq)) {
            return iq.error(StanzaError.SERVICE_UNAVAILABLE, null);
        }
        String host = iq.to().domain();
        List<Identity> identities = new ArrayList<>(List.of(ACCOUNT));
        identities.addAll(registry.accountIdentities(host));
        return iq.result(infoQuery(null, identities, registry.accountFeatures(host)));
    }

    private Stanza accountNodeInfo(Stanza iq, String node) {
        if (iq.from() != null) {
            for (DiscoNodes nodes : registry.accountDiscoNodes(iq.to().domain())) {
                DiscoNodes.Info info = nodes.info(iq.from(), iq.to(), node);
                if (info != null) {
                    return iq.result(infoQuery(node, info.identities(), info.features()));
                }
            }
        }
        return iq.error(StanzaError.ITEM_NOT_FOUND, null);
    }

    /**
     * §4.1: the account's available resources and the nodes modules list for it (XEP-0060 §5.2: PEP's,
     * each as the module lets the requester learn of it), or the items of a node a module describes.
     * §8 rules 2 and 2.1: a requester the account does not let see its presence, and anyone asking
     * about an account that does not exist, sees no resource, and an empty list for a node it may not
     * read (as for one that does not exist); a node the module lets it read (an open PEP node) it sees.
     */
    private Stanza accountItems(IqRequest request) {
        Stanza iq = request.iq();
        String node = iq.payload().attribute("node");
        if (node == null) {
            return iq.result(itemsQuery(null, accountEntityItems(iq)));
        }
        for (DiscoNodes nodes : registry.accountDiscoNodes(iq.to().domain())) {
            List<DiscoNodes.Item> items = iq.from() == null ? null : nodes.items(iq.from(), iq.to(), node);
            if (items != null) {
                return iq.result(itemsQuery(node, items));
            }
        }
        return maySeePresence(iq) ? iq.error(StanzaError.ITEM_NOT_FOUND, null) : iq.result(itemsQuery(node, List.of()));
    }

    /** The account's available resources for whom §8 lets see them, then the nodes each module lists for the requester. */
    private List<DiscoNodes.Item> accountEntityItems(Stanza iq) {
        List<DiscoNodes.Item> items = new ArrayList<>();
        if (maySeePresence(iq)) {
            for (Session session : sessions.sessionsOf(iq.to())) {
                if (session.available()) {
                    items.add(new DiscoNodes.Item(session.jid(), null, null));
                }
            }
        }
        if (iq.from() != null) {
            for (DiscoNodes nodes : registry.accountDiscoNodes(iq.to().domain())) {
                items.addAll(nodes.entityItems(iq.from(), iq.to()));
            }
        }
        return items;
    }

    /** The account's own resources, and those it shares presence with (subscription 'from' or 'both'). */
    private boolean maySeePresence(Stanza iq) {
        if (iq.from() == null) {
            return false;
        }
        Jid account = iq.to();
        Jid requester = iq.from().bare();
        return requester.equals(account) || authorization.maySeePresence(account, requester);
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
}
