package im.parley.modules.pep;

import im.parley.module.Accounts;
import im.parley.module.DiscoNodes;
import im.parley.module.Hosts;
import im.parley.module.Identity;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.modules.caps.ClientCapabilities;
import im.parley.modules.privatexml.PrivateStorage;
import im.parley.modules.vcard.VCards;
import im.parley.modules.pubsub.NodeConfig;
import im.parley.modules.pubsub.Pubsub;
import im.parley.modules.pubsub.PubsubService;
import im.parley.modules.pubsub.PubsubStore;
import im.parley.modules.pubsub.ServicePolicy;
import im.parley.modules.roster.Roster;
import im.parley.modules.roster.RosterItem;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Personal Eventing Protocol (XEP-0163): every account is a pubsub service at its bare JID, which
 * only the account publishes to and whose nodes publishing creates. Access follows the account's
 * roster; notifications go to the account's own resources and to its contacts' (those subscribed
 * to its presence, here or on other servers) whose verified capabilities ask for {@code node+notify},
 * and a contact's resource gets each node's last item when its capabilities first say so (coming
 * online, §6.2).
 */
public final class PepModule implements Module, ServicePolicy {
    /** What PEP adds to the features of every pubsub service here (XEP-0163 §4, XEP-0060 §10). */
    private static final List<String> PEP_FEATURES = List.of("access-presence", "access-roster", "auto-create",
            "auto-subscribe", "filtered-notifications", "presence-notifications");

    private final PubsubStore store;
    private final Roster roster;
    private final ClientCapabilities capabilities;
    private final Accounts accounts;
    private final PepConfig config;
    private final Optional<PrivateStorage> privateStorage;
    private final Optional<VCards> vcards;
    private LocalSessions sessions;
    private Hosts hosts;
    private PubsubService service;

    /**
     * {@code privateStorage} and {@code vcards}, when those features are on, get their bookmarks
     * (XEP-0411) and avatars (XEP-0398) kept in step with PEP's.
     */
    public PepModule(PubsubStore store, Roster roster, ClientCapabilities capabilities, Accounts accounts,
            PepConfig config, Optional<PrivateStorage> privateStorage, Optional<VCards> vcards) {
        this.privateStorage = privateStorage;
        this.vcards = vcards;
        this.store = store;
        this.roster = roster;
        this.capabilities = capabilities;
        this.accounts = accounts;
        this.config = config;
    }

    @Override
    public void start(ModuleContext context) {
        sessions = context.sessions();
        hosts = context.enabledHosts();
        service = new PubsubService(store, context.stanzas(), this);
        Identity pep = new Identity("pubsub", "pep", null);
        context.accountIdentity(pep);
        // Clients also look for PEP in their server's disco#info (Smack's OMEMO and OpenPGP ask there).
        context.serverIdentity(pep);
        List<String> features = new ArrayList<>(Pubsub.FEATURES);
        features.addAll(PEP_FEATURES);
        for (String namespace : Pubsub.featureNamespaces(features)) {
            context.accountFeature(namespace);
            context.serverFeature(namespace);
        }
        context.handleIq(IqScope.ACCOUNT, Pubsub.NAMESPACE, this::handle);
        context.handleIq(IqScope.ACCOUNT, Pubsub.OWNER, this::handle);
        context.accountDiscoNodes(new DiscoNodes() {
            @Override
            public Info info(Jid requester, Jid account, String node) {
                return service.nodeInfo(account, requester, node);
            }

            @Override
            public List<Item> items(Jid requester, Jid account, String node) {
                return service.itemIds(account, requester, node);
            }

            @Override
            public List<Item> entityItems(Jid requester, Jid account) {
                return service.nodeItems(account, requester);
            }
        });
        capabilities.onChange(this::capabilitiesChanged);
        capabilities.onContactChange(this::contactCapabilitiesChanged);
        // XEP-0163 §7.1: a contact who lost what the roster gave it loses the subscriptions it no longer may have.
        roster.onItemChange((owner, contact) -> {
            if (hosts.isAccount(owner)) {
                service.recheckAccess(owner, contact.bare());
            }
        });
        roster.onSubscribed(this::subscribed);
        privateStorage.ifPresent(storage -> {
            BookmarksConversion bookmarks = new BookmarksConversion(service, storage);
            storage.onStore(bookmarks::privateStored);
            service.onItemsChanged(bookmarks::itemsChanged);
            context.accountFeature(BookmarksConversion.NODE + "#compat");
        });
        vcards.ifPresent(cards -> {
            AvatarConversion avatars = new AvatarConversion(service, cards);
            cards.onStore(avatars::vcardStored);
            service.onItemsChanged(avatars::itemsChanged);
            context.accountFeature(AvatarConversion.FEATURE);
        });
        accounts.onDeletion(service::deleteService);
    }

    private Stanza handle(IqRequest request) {
        return service.handle(request.iq());
    }

    /**
     * XEP-0163 §4.3.1 and §6.2: a resource whose capabilities now ask for notifications gets the
     * last item of each such node of its own account and of the accounts whose presence it is
     * subscribed to (the roster items with subscription 'to' or 'both' on a host of this server).
     */
    private void capabilitiesChanged(Jid fullJid, Set<String> features) {
        if (features.stream().noneMatch(f -> f.endsWith("+notify"))) {
            return;
        }
        Jid user = fullJid.bare();
        if (!hosts.isAccount(user)) {
            return;
        }
        service.sendLastItems(user, fullJid, features, () -> Contact.NONE);
        for (RosterItem item : roster.items(user)) {
            Jid contact = item.jid();
            if (item.subscription().hasTo() && hosts.isAccount(contact)) {
                service.sendLastItems(contact, fullJid, features, memoized(() -> contact(contact, user)));
            }
        }
    }

    /**
     * §6.2 for a remote contact's resource whose presence reached the account: the last item of
     * each node of the account it asks for and may read.
     */
    private void contactCapabilitiesChanged(Jid account, Jid resource, Set<String> features) {
        if (features.stream().anyMatch(f -> f.endsWith("+notify")) && hosts.isAccount(account)) {
            service.sendLastItems(account, resource, features, memoized(() -> contact(account, resource.bare())));
        }
    }

    /**
     * XEP-0163 §6.2's new subscriber: a contact who gained a subscription to the owner's presence gets,
     * at each of its resources whose caps are known, the last item of each node it asks for and may read.
     * A remote contact's caps are kept only from presence that reaches the owner once the contact is
     * subscribed, which may not come again soon (the owner was subscribed to its presence first): the
     * contact is probed, and {@link #contactCapabilitiesChanged} sends the items when its caps arrive.
     */
    private void subscribed(Jid owner, Jid contact) {
        if (!hosts.isAccount(owner)) {
            return;
        }
        Map<Jid, Set<String>> resources = resources(owner, contact);
        if (resources.isEmpty() && !hosts.isAccount(contact) && roster.subscription(owner, contact).hasTo()) {
            capabilities.probeContact(owner, contact);
            return;
        }
        Supplier<Contact> access = memoized(() -> contact(owner, contact));
        resources.forEach((resource, features) -> {
            if (features.stream().anyMatch(f -> f.endsWith("+notify"))) {
                service.sendLastItems(owner, resource, features, access);
            }
        });
    }

    private static Supplier<Contact> memoized(Supplier<Contact> supplier) {
        return new Supplier<>() {
            private Contact value;

            @Override
            public Contact get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    // ---- ServicePolicy ----

    @Override
    public boolean ownsService(Jid service, Jid requester) {
        return service.equals(requester);
    }

    @Override
    public boolean createsOnPublish() {
        return true;
    }

    @Override
    public boolean mayCreate(Jid service, Jid requester) {
        return service.equals(requester);
    }

    @Override
    public boolean approvesSubscriptions() {
        return false;
    }

    @Override
    public NodeConfig defaults() {
        return PepFeature.DEFAULTS;
    }

    @Override
    public long maxItems() {
        return config.maxItems();
    }

    @Override
    public Contact contact(Jid service, Jid requester) {
        return roster.item(service, requester).map(PepModule::contact).orElse(Contact.NONE);
    }

    private static Contact contact(RosterItem item) {
        return new Contact(item.subscription().hasFrom(), item.groups());
    }

    /**
     * The owner's resources and its presence subscribers' (one roster read for the node's whole
     * fan-out; a remote contact's resources are those whose presence reached the owner), each
     * whose verified caps ask for {@code node+notify}; the contacts filtered by the node's access model.
     */
    @Override
    public void interested(Jid service, String node, Access access, Consumer<Jid> recipients) {
        String notify = node + "+notify";
        for (Session session : sessions.sessionsOf(service)) {
            if (capabilities.features(session.jid()).contains(notify)) {
                recipients.accept(session.jid());
            }
        }
        for (RosterItem item : roster.items(service)) {
            if (!item.subscription().hasFrom()) {
                continue;
            }
            List<Jid> resources = resources(service, item.jid()).entrySet().stream()
                    .filter(e -> e.getValue().contains(notify)).map(Map.Entry::getKey).toList();
            if (!resources.isEmpty() && access.mayRead(item.jid(), contact(item))) {
                resources.forEach(recipients);
            }
        }
    }

    /**
     * A contact's resources the owner's service can notify, each with its verified features: a local
     * contact's available sessions, a remote contact's resources whose presence reached the owner.
     */
    private Map<Jid, Set<String>> resources(Jid owner, Jid contact) {
        if (!hosts.isAccount(contact)) {
            return capabilities.contactResources(owner, contact);
        }
        Map<Jid, Set<String>> resources = new LinkedHashMap<>();
        for (Session session : sessions.sessionsOf(contact)) {
            if (session.available()) {
                resources.put(session.jid(), capabilities.features(session.jid()));
            }
        }
        return resources;
    }
}
