package im.parley.modules.pubsub;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import im.parley.module.DiscoNodes;
import im.parley.module.Identity;
import im.parley.module.StanzaSender;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish-subscribe protocol (XEP-0060 without collection nodes) for services that a
 * {@link ServicePolicy} describes: answers the {@code pubsub} and {@code pubsub#owner} requests
 * addressed to a service's JID and sends the event notifications.
 *
 * <p>A service's nodes are read from the store once, on first use, and kept in memory (a bounded
 * cache of services): notifications are built from memory, once per event, and addressed per
 * recipient, so no recipient costs a query. Every change is stored before it is visible.
 */
public final class PubsubService {
    private static final Logger log = LoggerFactory.getLogger(PubsubService.class);
    /** Services (accounts, for PEP) whose nodes stay in memory. */
    private static final int CACHED_SERVICES = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ASKED_REQUESTS = 10_000;

    /** A subscription request sent to a node's owners. */
    private record Asked(Jid service, String node, Jid subscriber) {
    }

    private final PubsubStore store;
    private final StanzaSender out;
    private final ServicePolicy policy;
    private final LoadingCache<Jid, Map<String, Node>> services;
    private final List<ItemsListener> itemsListeners = new CopyOnWriteArrayList<>();
    /**
     * The subscription requests sent to owners, by message id (§8.6: the answer reflects it), for
     * answers whose submitted form leaves the node and subscriber out (Smack submits only what was
     * filled in). Bounded; an answer after a restart must name them in its form.
     */
    private final Cache<String, Asked> asked = Caffeine.newBuilder().maximumSize(ASKED_REQUESTS).build();

    public PubsubService(PubsubStore store, StanzaSender out, ServicePolicy policy) {
        this.store = store;
        this.out = out;
        this.policy = policy;
        this.services = Caffeine.newBuilder().maximumSize(CACHED_SERVICES).build(this::load);
    }

    private Map<String, Node> load(Jid service) {
        Map<String, Node> nodes = new ConcurrentHashMap<>();
        for (PubsubStore.StoredNode stored : store.nodes(service)) {
            nodes.put(stored.name(), new Node(stored));
        }
        return nodes;
    }

    private Map<String, Node> nodes(Jid service) {
        return services.get(service);
    }

    /** Forgets a service and its stored nodes (PEP: the account was deleted). */
    public void deleteService(Jid service) {
        store.deleteService(service);
        services.invalidate(service);
    }

    /** Told when a request changed a node's items (publish, retract, purge, delete), after the change. */
    @FunctionalInterface
    public interface ItemsListener {
        void itemsChanged(Jid service, String node);
    }

    /** Registers a listener for the changes clients make (not those made through {@link #publishAsOwner}). */
    public void onItemsChanged(ItemsListener listener) {
        itemsListeners.add(listener);
    }

    /** Answers a {@code pubsub} or {@code pubsub#owner} request to the service {@code iq.to()}. */
    public Stanza handle(Stanza iq) {
        Stanza answer = answer(iq);
        if (answer != null && !answer.isError()) {
            Element action = iq.payload().firstElement();
            boolean changesItems = action != null && switch (action.name()) {
                case "publish", "retract", "purge", "delete" -> true;
                default -> false;
            };
            if (changesItems) {
                itemsListeners.forEach(l -> l.itemsChanged(iq.to(), action.attribute("node")));
            }
        }
        return answer;
    }

    private Stanza answer(Stanza iq) {
        Element pubsub = iq.payload();
        Request request = new Request(iq, iq.to(), iq.from().bare());
        try {
            if (pubsub.namespace().equals(Pubsub.OWNER)) {
                return owner(request, pubsub);
            }
            return user(request, pubsub);
        } catch (Pubsub.Failure failure) {
            log.debug("Pubsub request refused: {} ({})", failure.getMessage(), iq);
            return failure.answer(iq);
        }
    }

    /**
     * Publishes on behalf of a PEP service's owner, as its client would (the node made with
     * {@code options} when missing, their preconditions checked otherwise, notifications sent),
     * without telling the {@link ItemsListener}s: for a feature that keeps PEP in step with
     * something else (XEP-0411). Returns the answer the owner's client would have had.
     */
    public Stanza publishAsOwner(Jid owner, String node, String itemId, Element payload, DataForm options) {
        Element publish = Element.builder("publish", Pubsub.NAMESPACE).attribute("node", node)
                .child(Element.builder("item", Pubsub.NAMESPACE).attribute("id", itemId).child(payload).build()).build();
        Element publishOptions = Element.builder("publish-options", Pubsub.NAMESPACE).child(options.toElement()).build();
        return answer(ownRequest(owner, Element.builder("pubsub", Pubsub.NAMESPACE).child(publish).child(publishOptions)
                .build()));
    }

    /** Retracts on behalf of a PEP service's owner (see {@link #publishAsOwner}). */
    public Stanza retractAsOwner(Jid owner, String node, String itemId) {
        return answer(ownRequest(owner, Element.builder("pubsub", Pubsub.NAMESPACE).child(Element.builder("retract",
                Pubsub.NAMESPACE).attribute("node", node).child(Element.builder("item", Pubsub.NAMESPACE)
                .attribute("id", itemId).build()).build()).build()));
    }

    /** A node's configuration; empty when there is no such node. */
    public Optional<NodeConfig> configuration(Jid service, String node) {
        return Optional.ofNullable(nodes(service).get(node)).map(n -> n.config);
    }

    /** Every item a node keeps, newest first; empty when there is no such node. */
    public List<Item> items(Jid service, String node) {
        return nodes(service).containsKey(node) ? store.items(service, node, Integer.MAX_VALUE, PubsubStore.Paging.FIRST).items() : List.of();
    }

    private static Stanza ownRequest(Jid owner, Element pubsub) {
        return Stanza.of(Element.builder("iq", Namespaces.STANZA).attribute("type", "set").attribute("id", newId())
                .attribute("from", owner.toString()).attribute("to", owner.toString()).child(pubsub).build());
    }

    /** A request: the IQ, the service it addresses and the requester's bare JID. */
    private record Request(Stanza iq, Jid service, Jid requester) {
    }

    private Stanza user(Request r, Element pubsub) {
        boolean set = "set".equals(r.iq.type());
        // The request's one action, beside which configure, publish-options, options and RSM's set may
        // stand; options alone is the action (§6.3).
        Element options = pubsub.child("options", Pubsub.NAMESPACE);
        Element action = pubsub.elements().stream().filter(e -> e.namespace().equals(Pubsub.NAMESPACE)
                && !e.name().equals("configure") && !e.name().equals("publish-options") && !e.name().equals("options"))
                .findFirst().orElse(options);
        if (action == null) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, null, "No pubsub action");
        }
        return switch (action.name() + (set ? "/set" : "/get")) {
            case "publish/set" -> publish(r, action, pubsub.child("publish-options", Pubsub.NAMESPACE));
            case "create/set" -> create(r, action, pubsub.child("configure", Pubsub.NAMESPACE));
            case "retract/set" -> retract(r, action);
            case "subscribe/set" -> subscribe(r, action, options);
            case "unsubscribe/set" -> unsubscribe(r, action);
            case "items/get" -> items(r, action, pubsub.child("set", Pubsub.RSM));
            case "subscriptions/get" -> ownSubscriptions(r, action);
            case "affiliations/get" -> ownAffiliations(r, action);
            case "options/get" -> options(r, action);
            case "options/set" -> setOptions(r, action);
            default -> throw new Pubsub.Failure(StanzaError.BAD_REQUEST, null, "Unknown pubsub request " + action.name());
        };
    }

    private Stanza owner(Request r, Element pubsub) {
        boolean set = "set".equals(r.iq.type());
        Element action = pubsub.firstElement();
        if (action == null) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, null, "No pubsub#owner action");
        }
        if (action.name().equals("default") && !set) {
            return r.iq.result(Element.builder("pubsub", Pubsub.OWNER).child(Element.builder("default", Pubsub.OWNER)
                    .child(policy.defaults().form().toElement()).build()).build());
        }
        Node node = existing(r.service, action.attribute("node"));
        if (affiliation(r.service, node, r.requester) != Affiliation.OWNER) {
            throw new Pubsub.Failure(StanzaError.FORBIDDEN, null, "Only the node's owners may do this");
        }
        return switch (action.name() + (set ? "/set" : "/get")) {
            case "configure/get" -> r.iq.result(ownerResult(Element.builder("configure", Pubsub.OWNER)
                    .attribute("node", node.name).child(node.config.form().toElement()).build()));
            case "configure/set" -> configure(r, node, action);
            case "delete/set" -> delete(r, node);
            case "purge/set" -> purge(r, node);
            case "affiliations/get" -> affiliations(r, node);
            case "affiliations/set" -> setAffiliations(r, node, action);
            case "subscriptions/get" -> subscriptions(r, node);
            case "subscriptions/set" -> setSubscriptions(r, node, action);
            default -> throw new Pubsub.Failure(StanzaError.BAD_REQUEST, null, "Unknown pubsub#owner request " + action.name());
        };
    }

    // ---- publishing ----

    private Stanza publish(Request r, Element publish, Element publishOptions) {
        String name = nodeName(publish);
        DataForm options = form(publishOptions, Pubsub.PUBLISH_OPTIONS);
        List<Element> items = publish.elements().stream().filter(e -> e.is("item", Pubsub.NAMESPACE)).toList();
        Node node = nodes(r.service).get(name);
        if (node == null) {
            if (!policy.createsOnPublish()) {
                throw new Pubsub.Failure(StanzaError.ITEM_NOT_FOUND, null, "No such node");
            }
            node = createOnPublish(r, name, options, items);
        }
        synchronized (node) {
            live(node);
            meetsPreconditions(node.config, options);
            if (!mayPublish(r, node)) {
                throw new Pubsub.Failure(StanzaError.FORBIDDEN, null, "You may not publish to this node");
            }
            Item item = item(r, node.config, items);
            if (node.config.persistItems()) {
                store.publish(r.service, node.name, item, Math.min(node.config.maxItems(), policy.maxItems()));
            }
            node.lastItem = item;
            if (node.config.deliverNotifications()) {
                notify(r.service, node, Element.builder("items", Pubsub.EVENT).attribute("node", node.name)
                        .child(item.toElement(Pubsub.EVENT, node.config.deliverPayloads())).build());
            }
            return r.iq.result(Element.builder("pubsub", Pubsub.NAMESPACE).child(Element.builder("publish",
                    Pubsub.NAMESPACE).attribute("node", node.name).child(Element.builder("item", Pubsub.NAMESPACE)
                    .attribute("id", item.id()).build()).build()).build());
        }
    }

    /**
     * XEP-0163 §3: the publish-options configure the node the publish creates. A publish that would
     * fail on the new node creates none, and one that finds the node a concurrent publish has just
     * created publishes to it.
     */
    private Node createOnPublish(Request r, String name, DataForm options, List<Element> items) {
        NodeConfig config = newConfig(r, options);
        meetsPreconditions(config, options);
        item(r, config, items);
        Node node = newNode(r, name, config);
        Node existing = add(r.service, node);
        return existing == null ? node : existing;
    }

    private static void meetsPreconditions(NodeConfig config, DataForm options) {
        if (options != null && !config.meets(options)) {
            throw new Pubsub.Failure(StanzaError.CONFLICT, "precondition-not-met",
                    "The node's configuration does not meet the publish-options");
        }
    }

    /** The published item (§7.1.3): one item, with one payload unless the node is notification-only and transient. */
    private static Item item(Request r, NodeConfig config, List<Element> items) {
        boolean payloads = config.deliverPayloads() || config.persistItems();
        if (items.size() > 1) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, "invalid-payload", "One item per publish");
        }
        if (items.isEmpty()) {
            if (payloads) {
                throw new Pubsub.Failure(StanzaError.BAD_REQUEST, "item-required", "The node needs an item");
            }
            return new Item(newId(), r.requester, null);
        }
        Element item = items.get(0);
        List<Element> payload = item.elements();
        if (!payloads) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, "item-forbidden",
                    "A notification-only transient node takes no item");
        }
        if (payload.size() != 1) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, payload.isEmpty() ? "payload-required" : "invalid-payload",
                    "An item carries exactly one payload element");
        }
        String id = item.attribute("id");
        return new Item(id == null || id.isEmpty() ? newId() : id, r.requester, payload.get(0));
    }

    private boolean mayPublish(Request r, Node node) {
        Affiliation affiliation = affiliation(r.service, node, r.requester);
        return switch (node.config.publishModel()) {
            case "open" -> affiliation != Affiliation.OUTCAST;
            case "subscribers" -> affiliation.mayPublish() || subscribed(node, r.requester);
            default -> affiliation.mayPublish();
        };
    }

    /** Whether the bare JID has an approved subscription to the node (with any of its JIDs). */
    private static boolean subscribed(Node node, Jid bare) {
        return node.subscriptions.entrySet().stream().anyMatch(e -> e.getKey().bare().equals(bare) && e.getValue().active());
    }

    private static boolean pending(Node node, Jid bare) {
        return node.subscriptions.entrySet().stream()
                .anyMatch(e -> e.getKey().bare().equals(bare) && e.getValue().state() == Subscription.State.PENDING);
    }

    private Stanza retract(Request r, Element retract) {
        Node node = existing(r.service, retract.attribute("node"));
        Element itemElement = retract.child("item", Pubsub.NAMESPACE);
        String id = itemElement == null ? null : itemElement.attribute("id");
        if (id == null) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, "item-required", "Name the item to retract");
        }
        synchronized (node) {
            live(node);
            Affiliation affiliation = affiliation(r.service, node, r.requester);
            if (affiliation != Affiliation.OWNER && affiliation != Affiliation.PUBLISHER) {
                throw new Pubsub.Failure(StanzaError.FORBIDDEN, null, "You may not retract from this node");
            }
            boolean wasLast = node.lastItem != null && node.lastItem.id().equals(id);
            if (!store.retract(r.service, node.name, id) && !wasLast) {
                throw new Pubsub.Failure(StanzaError.ITEM_NOT_FOUND, null, "No such item");
            }
            if (wasLast) {
                node.lastItem = store.items(r.service, node.name, 1, PubsubStore.Paging.FIRST).items().stream().findFirst().orElse(null);
            }
            String notify = retract.attribute("notify");
            if (node.config.notifyRetract() || "true".equals(notify) || "1".equals(notify)) {
                notify(r.service, node, Element.builder("items", Pubsub.EVENT).attribute("node", node.name)
                        .child(Element.builder("retract", Pubsub.EVENT).attribute("id", id).build()).build());
            }
        }
        return r.iq.result(null);
    }

    // ---- nodes ----

    private Stanza create(Request r, Element create, Element configure) {
        String name = create.attribute("node");
        boolean instant = name == null || name.isEmpty();
        Node node = createNode(r, instant ? newId() : name, form(configure, Pubsub.NODE_CONFIG));
        Element.Builder created = Element.builder("create", Pubsub.NAMESPACE).attribute("node", node.name);
        return r.iq.result(instant ? Element.builder("pubsub", Pubsub.NAMESPACE).child(created.build()).build() : null);
    }

    private Node createNode(Request r, String name, DataForm config) {
        Node node = newNode(r, name, newConfig(r, config));
        if (add(r.service, node) != null) {
            throw new Pubsub.Failure(StanzaError.CONFLICT, null, "The node exists");
        }
        return node;
    }

    /** The configuration of a node the requester creates: the service's defaults overlaid with its form. */
    private NodeConfig newConfig(Request r, DataForm config) {
        if (!policy.mayCreate(r.service, r.requester)) {
            throw new Pubsub.Failure(StanzaError.FORBIDDEN, null, "You may not create nodes here");
        }
        return offered(config == null ? policy.defaults() : policy.defaults().apply(config));
    }

    private Node newNode(Request r, String name, NodeConfig config) {
        Map<Jid, Affiliation> owners = policy.ownsService(r.service, r.requester)
                ? Map.of() : Map.of(r.requester, Affiliation.OWNER);
        return new Node(new PubsubStore.StoredNode(name, config, owners, Map.of(), null));
    }

    /** Stores and adds a new node, unless the service has one of its name: then that one is returned. */
    private Node add(Jid service, Node node) {
        Map<String, Node> nodes = nodes(service);
        synchronized (nodes) {
            Node existing = nodes.get(node.name);
            if (existing == null) {
                store.saveNode(service, node.stored());
                nodes.put(node.name, node);
            }
            return existing;
        }
    }

    private Stanza configure(Request r, Node node, Element configure) {
        DataForm form = form(configure, Pubsub.NODE_CONFIG);
        if (form == null) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, null, "The configuration needs a form");
        }
        if (form.type() == DataForm.Type.CANCEL) {
            return r.iq.result(null);
        }
        synchronized (node) {
            live(node);
            NodeConfig config = offered(node.config.apply(form));
            Map<Jid, Subscription> changed = new LinkedHashMap<>();
            save(r.service, node, () -> {
                node.config = config;
                changed.putAll(recheckSubscriptions(r.service, node));
            });
            if (config.notifyConfig()) {
                notify(r.service, node, Element.builder("configuration", Pubsub.EVENT).attribute("node", node.name).build());
            }
            changed.forEach((jid, subscription) -> subscriptionChanged(r.service, node, jid, subscription));
        }
        return r.iq.result(null);
    }

    /** The configuration, unless it asks for the authorize model where no owner can answer requests. */
    private NodeConfig offered(NodeConfig config) {
        if (config.accessModel() == AccessModel.AUTHORIZE && !policy.approvesSubscriptions()) {
            throw new Pubsub.Failure(StanzaError.NOT_ACCEPTABLE, "unsupported-access-model",
                    "The authorize access model is not offered here");
        }
        return config;
    }

    /**
     * After a change of the node's access model or affiliations: a subscriber who may no longer
     * read the node loses its subscription, and a pending one the node's model no longer needs is
     * approved or dropped by the same rule (XEP-0060 §4.5: the access model decides who may
     * subscribe; the subscriber is told, as for the triggers of §12's Notification of Subscription
     * State Changes). Returns the changes, a removed subscription as null, to be told once stored.
     */
    private Map<Jid, Subscription> recheckSubscriptions(Jid service, Node node) {
        Map<Jid, Subscription> changed = new LinkedHashMap<>();
        for (Map.Entry<Jid, Subscription> e : List.copyOf(node.subscriptions.entrySet())) {
            Jid jid = e.getKey();
            Subscription subscription = e.getValue();
            Pubsub.Failure refusal = refusal(service, node, jid.bare(), policy.contact(service, jid.bare()));
            boolean stillPending = !subscription.active() && approvable(service, node, jid.bare());
            if (refusal == null && !subscription.active()) {
                changed.put(jid, subscription.approved());
            } else if (refusal != null && !stillPending) {
                changed.put(jid, null);
            }
        }
        changed.forEach((jid, subscription) -> {
            if (subscription == null) {
                node.subscriptions.remove(jid);
            } else {
                node.subscriptions.put(jid, subscription);
            }
        });
        return changed;
    }

    /**
     * After a change of what the service's owner lets {@code contact} see (PEP: the owner's roster,
     * XEP-0163 §7.1), the subscriptions to its nodes are checked again as after a change of a
     * node's access model: one whose subscriber may no longer read the node goes, and the
     * subscriber is told. Only the nodes the contact is subscribed to are checked (and stored).
     */
    public void recheckAccess(Jid service, Jid contact) {
        for (Node node : List.copyOf(nodes(service).values())) {
            Map<Jid, Subscription> changed = new LinkedHashMap<>();
            synchronized (node) {
                if (node.deleted || node.subscriptions.keySet().stream().noneMatch(jid -> jid.bare().equals(contact))) {
                    continue;
                }
                save(service, node, () -> changed.putAll(recheckSubscriptions(service, node)));
            }
            changed.forEach((jid, subscription) -> subscriptionChanged(service, node, jid, subscription));
        }
    }

    private Stanza delete(Request r, Node node) {
        synchronized (node) {
            live(node);
            store.deleteNode(r.service, node.name);
            nodes(r.service).remove(node.name);
            node.deleted = true;
            if (node.config.notifyDelete()) {
                notify(r.service, node, Element.builder("delete", Pubsub.EVENT).attribute("node", node.name).build());
            }
        }
        return r.iq.result(null);
    }

    private Stanza purge(Request r, Node node) {
        synchronized (node) {
            live(node);
            store.purge(r.service, node.name);
            node.lastItem = null;
            if (node.config.notifyRetract()) {
                notify(r.service, node, Element.builder("purge", Pubsub.EVENT).attribute("node", node.name).build());
            }
        }
        return r.iq.result(null);
    }

    // ---- reading ----

    private Stanza items(Request r, Element items, Element rsm) {
        Node node = existing(r.service, items.attribute("node"));
        refuseUnreadable(r.service, node, r.requester, policy.contact(r.service, r.requester));
        List<String> ids = items.elements().stream().filter(e -> e.is("item", Pubsub.NAMESPACE))
                .map(e -> e.attribute("id")).filter(id -> id != null).toList();
        Element.Builder result = Element.builder("items", Pubsub.NAMESPACE).attribute("node", node.name);
        Element set = null;
        if (!ids.isEmpty()) {
            store.items(r.service, node.name, ids).forEach(i -> result.child(i.toElement(Pubsub.NAMESPACE, true)));
        } else {
            int max = (int) Math.min(Integer.MAX_VALUE, Math.min(policy.maxItems(), Math.min(
                    number(items.attribute("max_items")), number(rsm == null ? null : rsm.childText("max")))));
            PubsubStore.Page page = store.items(r.service, node.name, max, paging(rsm));
            if (page == null) {
                throw new Pubsub.Failure(StanzaError.ITEM_NOT_FOUND, null, "No such item to page from");
            }
            page.items().forEach(i -> result.child(i.toElement(Pubsub.NAMESPACE, true)));
            set = rsm == null ? null : rsmResult(page);
        }
        return r.iq.result(Element.builder("pubsub", Pubsub.NAMESPACE).child(result.build()).child(set).build());
    }

    /** The page an RSM {@code <set/>} asks for (XEP-0059 §2.2 to §2.6; an empty {@code <before/>} is the last page). */
    private static PubsubStore.Paging paging(Element rsm) {
        if (rsm == null) {
            return PubsubStore.Paging.FIRST;
        }
        Element before = rsm.child("before", Pubsub.RSM);
        String index = rsm.childText("index");
        return new PubsubStore.Paging(rsm.childText("after"), before == null ? null : before.text(),
                index == null ? 0 : (int) Math.min(Integer.MAX_VALUE, number(index)));
    }

    /** XEP-0059 §2.1 and §2.4: the page's first id (with its index) and last id, and the node's item count. */
    private static Element rsmResult(PubsubStore.Page page) {
        Element.Builder set = Element.builder("set", Pubsub.RSM);
        if (!page.items().isEmpty()) {
            set.child(Element.builder("first", Pubsub.RSM).attribute("index", Integer.toString(page.firstIndex()))
                    .text(page.items().getFirst().id()).build());
            set.textChild("last", page.items().getLast().id());
        }
        return set.textChild("count", Integer.toString(page.count())).build();
    }

    private static long number(String value) {
        if (value == null) {
            return Long.MAX_VALUE;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Pubsub.Failure(StanzaError.BAD_REQUEST, null, "Not a number of items: " + value);
    }

    // ---- subscriptions and affiliations ----

    /**
     * §6.1: subscribes the requester's JID, with the options submitted beside (§6.3.7). On an
     * authorize node the subscription is pending, and each owner is asked to approve it (§8.6),
     * unless the requester may read the node already (an owner or publisher).
     */
    private Stanza subscribe(Request r, Element subscribe, Element options) {
        Node node = existing(r.service, subscribe.attribute("node"));
        Jid jid = Jid.parseOrNull(subscribe.attribute("jid"));
        if (jid == null || !jid.bare().equals(r.requester)) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, "invalid-jid", "Subscribe your own JID");
        }
        DataForm submitted = form(options, Pubsub.SUBSCRIBE_OPTIONS);
        Subscription subscription;
        boolean asked;
        synchronized (node) {
            live(node);
            Pubsub.Failure refusal = refusal(r.service, node, r.requester, policy.contact(r.service, r.requester));
            boolean approval = refusal != null && approvable(r.service, node, r.requester);
            if (refusal != null && !approval) {
                throw refusal;
            }
            Subscription existing = node.subscriptions.get(jid);
            Subscription base = existing != null ? existing : Subscription.of(newId(),
                    approval ? Subscription.State.PENDING : Subscription.State.SUBSCRIBED);
            subscription = submitted == null ? base : SubscribeOptions.apply(base, submitted);
            Subscription stored = subscription;
            save(r.service, node, () -> node.subscriptions.put(jid, stored));
            asked = existing == null && approval;
        }
        if (asked) {
            askOwners(r.service, node, jid, subscription);
        }
        Stanza result = r.iq.result(Element.builder("pubsub", Pubsub.NAMESPACE)
                .child(subscriptionElement(Pubsub.NAMESPACE, node, jid, subscription)).build());
        Item last = node.lastItem;
        if (last != null && subscription.active() && node.config.sendLastOnSubscribe()) {
            // §6.1.7: after the subscription's result, which the router sends when this returns.
            out.route(result);
            sendItem(r.service, node, last, jid);
            return null;
        }
        return result;
    }

    private static Element subscriptionElement(String namespace, Node node, Jid jid, Subscription subscription) {
        return Element.builder("subscription", namespace).attribute("node", node.name).attribute("jid", jid.toString())
                .attribute("subid", subscription.subid()).attribute("subscription", subscription.state().value()).build();
    }

    /**
     * §8.6: asks each owner of the node, in a message with a {@code pubsub#subscribe_authorization}
     * form, whether the subscription may be; the answer comes back to the service ({@link #authorization}).
     */
    private void askOwners(Jid service, Node node, Jid subscriber, Subscription subscription) {
        Stanza request = authorizationRequest(service, node, subscriber, subscription);
        node.affiliations.forEach((owner, affiliation) -> {
            if (affiliation == Affiliation.OWNER) {
                out.route(request.withTo(owner));
            }
        });
    }

    /** The message asking an owner to approve a pending subscription (§8.6), its id remembered for the answer. */
    private Stanza authorizationRequest(Jid service, Node node, Jid subscriber, Subscription subscription) {
        DataForm form = DataForm.of(DataForm.Type.FORM, "PubSub subscriber request", List.of(
                DataForm.Field.formType(Pubsub.SUBSCRIBE_AUTHORIZATION),
                DataForm.Field.of("pubsub#subid", "hidden", null, subscription.subid()),
                DataForm.Field.of("pubsub#node", "text-single", "Node ID", node.name),
                DataForm.Field.of("pubsub#subscriber_jid", "jid-single", "Subscriber Address", subscriber.toString()),
                DataForm.Field.of("pubsub#allow", "boolean", "Allow this JID to subscribe to this pubsub node?",
                        "false")))
                .withInstructions("To approve this entity's subscription request, submit the form with "
                        + "pubsub#allow true; to deny it, with false.");
        String id = newId();
        asked.put(id, new Asked(service, node.name, subscriber));
        return Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("from", service.toString())
                .attribute("id", id).child(form.toElement()).build());
    }

    /** The nodes of the service whose subscription requests the owner approves (§8.7: the authorize ones it owns). */
    public List<String> approvableNodes(Jid service, Jid owner) {
        return nodes(service).values().stream().filter(node -> node.config.accessModel() == AccessModel.AUTHORIZE
                && affiliation(service, node, owner.bare()) == Affiliation.OWNER).map(node -> node.name).sorted().toList();
    }

    /**
     * §8.7: sends {@code owner} (a full JID) the approval request of each pending subscription to
     * the node, as §8.6 asks them, and returns how many; item-not-found for a node that does not
     * exist, forbidden for a requester who does not own it.
     */
    public int sendPendingRequests(Jid service, String name, Jid owner) {
        Node node = existing(service, name);
        List<Stanza> requests = new ArrayList<>();
        synchronized (node) {
            live(node);
            if (affiliation(service, node, owner.bare()) != Affiliation.OWNER) {
                throw new Pubsub.Failure(StanzaError.FORBIDDEN, null, "Only the node's owners approve its subscriptions");
            }
            node.subscriptions.forEach((subscriber, subscription) -> {
                if (subscription.state() == Subscription.State.PENDING) {
                    requests.add(authorizationRequest(service, node, subscriber, subscription));
                }
            });
        }
        requests.forEach(request -> out.route(request.withTo(owner)));
        return requests.size();
    }

    /**
     * §8.6: an owner's answer to a subscription request, a message to the service with the
     * submitted {@code pubsub#subscribe_authorization} form: approves the pending subscription or
     * removes it, and tells the subscriber; a cancelled form leaves it pending. Returns the error
     * for the sender, or null.
     */
    public Stanza authorization(Stanza message) {
        Element x = message.element().child("x", DataForm.NAMESPACE);
        if (x == null) {
            return message.error(StanzaError.SERVICE_UNAVAILABLE);
        }
        DataForm form;
        try {
            form = DataForm.parse(x);
        } catch (IllegalArgumentException e) {
            log.info("{} sent the pubsub service a form that does not parse: {}", message.from(), e.getMessage());
            return message.error(StanzaError.BAD_REQUEST, e.getMessage());
        }
        if (form.type() == DataForm.Type.CANCEL) {
            // §8.6: the subscription stays pending.
            return null;
        }
        if (!Pubsub.SUBSCRIBE_AUTHORIZATION.equals(form.formType())) {
            return message.error(StanzaError.SERVICE_UNAVAILABLE);
        }
        if (form.type() != DataForm.Type.SUBMIT) {
            return message.error(StanzaError.BAD_REQUEST, "Answer a subscription request with the submitted form");
        }
        String id = message.element().attribute("id");
        Asked request = id == null ? null : asked.getIfPresent(id);
        try {
            decide(message.to(), message.from().bare(), form, request);
            return null;
        } catch (Pubsub.Failure failure) {
            log.info("Subscription authorization from {} refused: {}", message.from(), failure.getMessage());
            return failure.answer(message);
        }
    }

    /** Applies an owner's answer; the node and subscriber its form names, else those of the request it answers. */
    private void decide(Jid service, Jid owner, DataForm form, Asked request) {
        boolean answers = request != null && request.service().equals(service);
        String nodeName = form.value("pubsub#node");
        Node node = existing(service, nodeName == null && answers ? request.node() : nodeName);
        String subscriberJid = form.value("pubsub#subscriber_jid");
        Jid subscriber = subscriberJid == null && answers ? request.subscriber() : Jid.parseOrNull(subscriberJid);
        Boolean allow = DataForm.parseBoolean(form.value("pubsub#allow"));
        if (subscriber == null || allow == null) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, null, "The form needs pubsub#subscriber_jid and pubsub#allow");
        }
        Subscription decided;
        synchronized (node) {
            live(node);
            if (affiliation(service, node, owner) != Affiliation.OWNER) {
                throw new Pubsub.Failure(StanzaError.FORBIDDEN, null, "Only the node's owners answer subscription requests");
            }
            Subscription pending = node.subscriptions.get(subscriber);
            String subid = form.value("pubsub#subid");
            if (pending == null || pending.active() || subid != null && !subid.equals(pending.subid())) {
                throw new Pubsub.Failure(StanzaError.UNEXPECTED_REQUEST, "not-subscribed",
                        "No pending subscription of " + subscriber);
            }
            decided = allow ? pending.approved() : null;
            save(service, node, () -> {
                if (decided == null) {
                    node.subscriptions.remove(subscriber);
                } else {
                    node.subscriptions.put(subscriber, decided);
                }
            });
        }
        subscriptionChanged(service, node, subscriber, decided);
    }

    /**
     * Tells a subscriber that its subscription changed (XEP-0060 §12, Notification of Subscription
     * State Changes): approved (with the last item when the node sends it on subscription) or gone
     * ({@code subscription} null).
     */
    private void subscriptionChanged(Jid service, Node node, Jid subscriber, Subscription subscription) {
        Element state = subscription == null
                ? Element.builder("subscription", Pubsub.EVENT).attribute("node", node.name)
                        .attribute("jid", subscriber.toString()).attribute("subscription", "none").build()
                : subscriptionElement(Pubsub.EVENT, node, subscriber, subscription);
        out.route(message(service, node, state).withTo(subscriber));
        Item last = node.lastItem;
        if (subscription != null && last != null && node.config.sendLastOnSubscribe()) {
            sendItem(service, node, last, subscriber);
        }
    }

    /** §6.3.2: the options form of one's own subscription (an owner may ask about any). */
    private Stanza options(Request r, Element options) {
        Node node = existing(r.service, options.attribute("node"));
        Jid jid = Jid.parseOrNull(options.attribute("jid"));
        Subscription subscription = subscriptionFor(r, node, jid, options.attribute("subid"));
        return r.iq.result(Element.builder("pubsub", Pubsub.NAMESPACE).child(Element.builder("options",
                Pubsub.NAMESPACE).attribute("node", node.name).attribute("jid", jid.toString())
                .attribute("subid", subscription.subid()).child(SubscribeOptions.form(subscription).toElement())
                .build()).build());
    }

    /** §6.3.5: sets a subscription's options from the submitted form. */
    private Stanza setOptions(Request r, Element options) {
        Node node = existing(r.service, options.attribute("node"));
        Jid jid = Jid.parseOrNull(options.attribute("jid"));
        DataForm submitted = form(options, Pubsub.SUBSCRIBE_OPTIONS);
        if (submitted == null) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, "invalid-options", "Submit the subscribe_options form");
        }
        synchronized (node) {
            live(node);
            Subscription changed = SubscribeOptions.apply(subscriptionFor(r, node, jid, options.attribute("subid")),
                    submitted);
            save(r.service, node, () -> node.subscriptions.put(jid, changed));
        }
        return r.iq.result(null);
    }

    /** The subscription an options request names, with the errors of §6.3.4. */
    private Subscription subscriptionFor(Request r, Node node, Jid jid, String subid) {
        if (jid == null) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, "jid-required", "Name the subscribed JID");
        }
        if (!jid.bare().equals(r.requester) && affiliation(r.service, node, r.requester) != Affiliation.OWNER) {
            throw new Pubsub.Failure(StanzaError.FORBIDDEN, null, "Not your subscription");
        }
        Subscription subscription = node.subscriptions.get(jid);
        if (subscription == null) {
            throw new Pubsub.Failure(StanzaError.UNEXPECTED_REQUEST, "not-subscribed", "Not subscribed");
        }
        if (subid != null && !subid.equals(subscription.subid())) {
            throw new Pubsub.Failure(StanzaError.NOT_ACCEPTABLE, "invalid-subid", "No such subscription id");
        }
        return subscription;
    }

    private Stanza unsubscribe(Request r, Element unsubscribe) {
        Node node = existing(r.service, unsubscribe.attribute("node"));
        Jid jid = Jid.parseOrNull(unsubscribe.attribute("jid"));
        if (jid == null || !jid.bare().equals(r.requester)) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, "invalid-jid", "Unsubscribe your own JID");
        }
        synchronized (node) {
            live(node);
            if (!node.subscriptions.containsKey(jid)) {
                throw new Pubsub.Failure(StanzaError.UNEXPECTED_REQUEST, "not-subscribed", "Not subscribed");
            }
            save(r.service, node, () -> node.subscriptions.remove(jid));
        }
        return r.iq.result(null);
    }

    private Stanza ownSubscriptions(Request r, Element subscriptions) {
        Element.Builder list = Element.builder("subscriptions", Pubsub.NAMESPACE);
        for (Node node : selected(r.service, subscriptions.attribute("node"))) {
            node.subscriptions.forEach((jid, subscription) -> {
                if (jid.bare().equals(r.requester)) {
                    list.child(subscriptionElement(Pubsub.NAMESPACE, node, jid, subscription));
                }
            });
        }
        return r.iq.result(Element.builder("pubsub", Pubsub.NAMESPACE).child(list.build()).build());
    }

    private Stanza ownAffiliations(Request r, Element affiliations) {
        Element.Builder list = Element.builder("affiliations", Pubsub.NAMESPACE);
        for (Node node : selected(r.service, affiliations.attribute("node"))) {
            Affiliation affiliation = affiliation(r.service, node, r.requester);
            if (affiliation != Affiliation.NONE) {
                list.child(Element.builder("affiliation", Pubsub.NAMESPACE).attribute("node", node.name)
                        .attribute("affiliation", affiliation.value()).build());
            }
        }
        return r.iq.result(Element.builder("pubsub", Pubsub.NAMESPACE).child(list.build()).build());
    }

    private List<Node> selected(Jid service, String name) {
        return name == null ? List.copyOf(nodes(service).values()) : List.of(existing(service, name));
    }

    private Stanza affiliations(Request r, Node node) {
        Element.Builder list = Element.builder("affiliations", Pubsub.OWNER).attribute("node", node.name);
        if (isPersonal(r.service)) {
            list.child(affiliationElement(r.service, Affiliation.OWNER));
        }
        node.affiliations.forEach((jid, affiliation) -> list.child(affiliationElement(jid, affiliation)));
        return r.iq.result(ownerResult(list.build()));
    }

    private static Element affiliationElement(Jid jid, Affiliation affiliation) {
        return Element.builder("affiliation", Pubsub.OWNER).attribute("jid", jid.toString())
                .attribute("affiliation", affiliation.value()).build();
    }

    /** §8.9.2: every change is checked before any is made (all or none). */
    private Stanza setAffiliations(Request r, Node node, Element affiliations) {
        Map<Jid, Affiliation> changes = new LinkedHashMap<>();
        for (Element e : affiliations.elements()) {
            Jid jid = Jid.parseOrNull(e.attribute("jid"));
            Affiliation affiliation = Affiliation.parse(e.attribute("affiliation"));
            if (jid == null || affiliation == null || policy.ownsService(r.service, jid.bare())) {
                throw new Pubsub.Failure(StanzaError.NOT_ACCEPTABLE, null, "Not an affiliation this node can take: " + e);
            }
            changes.put(jid.bare(), affiliation);
        }
        Map<Jid, Subscription> revised = new LinkedHashMap<>();
        synchronized (node) {
            live(node);
            save(r.service, node, () -> {
                changes.forEach((jid, affiliation) -> {
                    if (affiliation == Affiliation.NONE) {
                        node.affiliations.remove(jid);
                    } else {
                        node.affiliations.put(jid, affiliation);
                    }
                });
                revised.putAll(recheckSubscriptions(r.service, node));
            });
            if (!node.affiliations.containsValue(Affiliation.OWNER) && !isPersonal(r.service)) {
                // §8.9.2.4: a node keeps an owner; the requester stays one.
                node.affiliations.put(r.requester, Affiliation.OWNER);
                store.saveNode(r.service, node.stored());
            }
        }
        revised.forEach((jid, subscription) -> subscriptionChanged(r.service, node, jid, subscription));
        return r.iq.result(null);
    }

    private Stanza subscriptions(Request r, Node node) {
        Element.Builder list = Element.builder("subscriptions", Pubsub.OWNER).attribute("node", node.name);
        node.subscriptions.forEach((jid, subscription) -> list.child(Element.builder("subscription", Pubsub.OWNER)
                .attribute("jid", jid.toString()).attribute("subid", subscription.subid())
                .attribute("subscription", subscription.state().value()).build()));
        return r.iq.result(ownerResult(list.build()));
    }

    /**
     * §8.8.2: the owner subscribes JIDs, approves pending subscriptions ('subscribed') or removes
     * subscriptions ('none'); each subscriber whose subscription changed is told.
     */
    private Stanza setSubscriptions(Request r, Node node, Element subscriptions) {
        Map<Jid, Subscription> changed = new LinkedHashMap<>();
        for (Element e : subscriptions.elements()) {
            Jid jid = Jid.parseOrNull(e.attribute("jid"));
            String state = e.attribute("subscription");
            if (jid == null || !("subscribed".equals(state) || "none".equals(state))) {
                throw new Pubsub.Failure(StanzaError.BAD_REQUEST, null, "Not a subscription change: " + e);
            }
            changed.put(jid, state.equals("none") ? null : Subscription.of(newId(), Subscription.State.SUBSCRIBED));
        }
        synchronized (node) {
            live(node);
            changed.replaceAll((jid, subscription) -> {
                Subscription before = node.subscriptions.get(jid);
                return subscription == null || before == null ? subscription : before.approved();
            });
            // Only real changes are stored and told.
            changed.entrySet().removeIf(e -> Objects.equals(e.getValue(), node.subscriptions.get(e.getKey())));
            save(r.service, node, () -> changed.forEach((jid, subscription) -> {
                if (subscription == null) {
                    node.subscriptions.remove(jid);
                } else {
                    node.subscriptions.put(jid, subscription);
                }
            }));
        }
        changed.forEach((jid, subscription) -> subscriptionChanged(r.service, node, jid, subscription));
        return r.iq.result(null);
    }

    /** A service that is its owner's own (PEP), whose owner is no affiliation row but the account itself. */
    private boolean isPersonal(Jid service) {
        return policy.ownsService(service, service);
    }

    /** Makes a change to the node in memory and stores the result; a change the store refused is undone. */
    private void save(Jid service, Node node, Runnable change) {
        PubsubStore.StoredNode before = node.stored();
        try {
            change.run();
            store.saveNode(service, node.stored());
        } catch (RuntimeException e) {
            node.config = before.config();
            node.affiliations.clear();
            node.affiliations.putAll(before.affiliations());
            node.subscriptions.clear();
            node.subscriptions.putAll(before.subscriptions());
            throw e;
        }
    }

    // ---- access ----

    /** The requester's affiliation: the owner of a PEP service owns all its nodes. */
    private Affiliation affiliation(Jid service, Node node, Jid requester) {
        if (policy.ownsService(service, requester)) {
            return Affiliation.OWNER;
        }
        return node.affiliations.getOrDefault(requester, Affiliation.NONE);
    }

    /** Whether the node's owners may approve a subscription of the entity (the authorize model; not an outcast). */
    private boolean approvable(Jid service, Node node, Jid requester) {
        return node.config.accessModel() == AccessModel.AUTHORIZE
                && affiliation(service, node, requester) != Affiliation.OUTCAST;
    }

    /** Whether the entity may learn of the node (§5.2, §5.3): it may read it, or ask to subscribe. */
    private boolean mayFind(Jid service, Node node, Jid requester, ServicePolicy.Contact contact) {
        return mayRead(service, node, requester, contact) || approvable(service, node, requester);
    }

    /** Whether an entity may read the node (§4.5 and §6.1.3: subscribe and retrieve items). */
    private boolean mayRead(Jid service, Node node, Jid requester, ServicePolicy.Contact contact) {
        return refusal(service, node, requester, contact) == null;
    }

    private void refuseUnreadable(Jid service, Node node, Jid requester, ServicePolicy.Contact contact) {
        Pubsub.Failure refusal = refusal(service, node, requester, contact);
        if (refusal != null) {
            throw refusal;
        }
    }

    /** Why the requester may not read the node, in the errors of §6.1.3, or null when it may. */
    private Pubsub.Failure refusal(Jid service, Node node, Jid requester, ServicePolicy.Contact contact) {
        Affiliation affiliation = affiliation(service, node, requester);
        if (affiliation == Affiliation.OUTCAST) {
            return new Pubsub.Failure(StanzaError.FORBIDDEN, null, "You are banned from this node");
        }
        if (affiliation == Affiliation.OWNER || affiliation == Affiliation.PUBLISHER) {
            return null;
        }
        NodeConfig config = node.config;
        return switch (config.accessModel()) {
            case OPEN -> null;
            case PRESENCE -> contact.subscribed() ? null : new Pubsub.Failure(StanzaError.NOT_AUTHORIZED,
                    "presence-subscription-required", "The node is for contacts subscribed to its owner's presence");
            case ROSTER -> contact.inRoster() && contact.groups().stream().anyMatch(config.rosterGroupsAllowed()::contains)
                    ? null : new Pubsub.Failure(StanzaError.NOT_AUTHORIZED, "not-in-roster-group",
                            "The node is for some of its owner's roster groups");
            case WHITELIST -> affiliation.isWhitelisted() ? null
                    : new Pubsub.Failure(StanzaError.NOT_ALLOWED, "closed-node", "The node is for its whitelist");
            case AUTHORIZE -> subscribed(node, requester) ? null : pending(node, requester)
                    ? new Pubsub.Failure(StanzaError.NOT_AUTHORIZED, "pending-subscription",
                            "The node's owners have not approved the subscription yet")
                    : new Pubsub.Failure(StanzaError.NOT_AUTHORIZED, "not-subscribed",
                            "The node is for subscribers its owners approved");
        };
    }

    private Node existing(Jid service, String name) {
        if (name == null || name.isEmpty()) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, "nodeid-required", "Name the node");
        }
        Node node = nodes(service).get(name);
        if (node == null) {
            throw new Pubsub.Failure(StanzaError.ITEM_NOT_FOUND, null, "No such node");
        }
        return node;
    }

    /** A node deleted while a request waited for its lock is gone for that request too. */
    private static void live(Node node) {
        if (node.deleted) {
            throw new Pubsub.Failure(StanzaError.ITEM_NOT_FOUND, null, "No such node");
        }
    }

    private static String nodeName(Element element) {
        String name = element.attribute("node");
        if (name == null || name.isEmpty()) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, "nodeid-required", "Name the node");
        }
        return name;
    }

    /** The data form inside {@code wrapper} (publish-options, configure), checked to be of {@code formType}. */
    private static DataForm form(Element wrapper, String formType) {
        Element x = wrapper == null ? null : wrapper.child("x", DataForm.NAMESPACE);
        if (x == null) {
            return null;
        }
        DataForm form;
        try {
            form = DataForm.parse(x);
        } catch (IllegalArgumentException e) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, null, "Not a data form: " + e.getMessage());
        }
        if (form.formType() != null && !form.formType().equals(formType)) {
            throw new Pubsub.Failure(StanzaError.BAD_REQUEST, null, "The form's FORM_TYPE is not " + formType);
        }
        return form;
    }

    private static Element ownerResult(Element child) {
        return Element.builder("pubsub", Pubsub.OWNER).child(child).build();
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    // ---- notifications ----

    /**
     * Sends one event to the node's subscribers and to those the policy adds, each once; the
     * message is built once and addressed per recipient.
     */
    private void notify(Jid service, Node node, Element event) {
        Set<Jid> recipients = new LinkedHashSet<>();
        node.subscriptions.forEach((jid, subscription) -> {
            if (subscription.receives()) {
                recipients.add(jid);
            }
        });
        policy.interested(service, node.name, (jid, contact) -> mayRead(service, node, jid, contact), recipients::add);
        if (recipients.isEmpty()) {
            return;
        }
        Stanza message = message(service, node, event);
        for (Jid recipient : recipients) {
            out.route(message.withTo(recipient));
        }
    }

    private static Stanza message(Jid service, Node node, Element event) {
        return Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("from", service.toString())
                .attribute("type", node.config.notificationType()).attribute("id", newId())
                .child(Element.builder("event", Pubsub.EVENT).child(event).build()).build());
    }

    private void sendItem(Jid service, Node node, Item item, Jid to) {
        Element items = Element.builder("items", Pubsub.EVENT).attribute("node", node.name)
                .child(item.toElement(Pubsub.EVENT, node.config.deliverPayloads())).build();
        out.route(message(service, node, items).withTo(to));
    }

    /**
     * XEP-0163 §4.3.1 and §6.2: sends {@code to} the last item of each node of the service whose
     * notifications it asks for ({@code features} holds {@code node+notify}) and may read.
     */
    public void sendLastItems(Jid service, Jid to, Set<String> features, Supplier<ServicePolicy.Contact> contact) {
        for (Node node : nodes(service).values()) {
            Item last = node.lastItem;
            if (last != null && node.config.sendLastOnPresence() && node.config.deliverNotifications()
                    && features.contains(node.name + "+notify") && mayRead(service, node, to.bare(), contact.get())) {
                sendItem(service, node, last, to);
            }
        }
    }

    // ---- service discovery ----

    /** A node's disco#info (§5.3) for a requester that may read it, else null. */
    public DiscoNodes.Info nodeInfo(Jid service, Jid requester, String name) {
        Node node = nodes(service).get(name);
        if (node == null || !mayFind(service, node, requester.bare(), policy.contact(service, requester.bare()))) {
            return null;
        }
        return new DiscoNodes.Info(List.of(new Identity("pubsub", "leaf", null)), List.of(Pubsub.NAMESPACE));
    }

    /** The nodes a requester may read or ask to subscribe to (§5.2), as disco#items of the service. */
    public List<DiscoNodes.Item> nodeItems(Jid service, Jid requester) {
        ServicePolicy.Contact contact = policy.contact(service, requester.bare());
        List<DiscoNodes.Item> items = new ArrayList<>();
        for (Node node : nodes(service).values()) {
            if (mayFind(service, node, requester.bare(), contact)) {
                items.add(new DiscoNodes.Item(service, node.name, null));
            }
        }
        return items;
    }

    /** A node's items as disco#items (§5.5: one per item, named by id), for a requester that may read it, else null. */
    public List<DiscoNodes.Item> itemIds(Jid service, Jid requester, String name) {
        Node node = nodes(service).get(name);
        if (node == null || !mayRead(service, node, requester.bare(), policy.contact(service, requester.bare()))) {
            return null;
        }
        return store.items(service, name, Integer.MAX_VALUE, PubsubStore.Paging.FIRST).items().stream()
                .map(i -> new DiscoNodes.Item(service, null, i.id())).toList();
    }
}
