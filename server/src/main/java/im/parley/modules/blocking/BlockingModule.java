package im.parley.modules.blocking;

import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.modules.roster.Roster;
import im.parley.session.Session;
import im.parley.session.SessionKey;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.JidFormatException;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Blocking Command (XEP-0191) with spam and abuse reports (XEP-0377): a user reads and changes
 * their blocklist, every resource that read it is told of changes, and {@link BlockingFilter}
 * keeps stanzas from passing between the user and the blocked addresses.
 */
public final class BlockingModule implements Module {
    public static final String NAMESPACE = "urn:xmpp:blocking";
    /** Priority of the delivery hook: before any module that would act on a blocked stanza. */
    public static final int HOOK_PRIORITY = 1000;
    /** Marks the sessions that asked for the blocklist: only they get pushes (§3.3). */
    static final SessionKey<Boolean> REQUESTED_BLOCKLIST = new SessionKey<>("blocking.requested");

    private final Blocklists blocklists;
    private final AbuseReportRepository reports;
    private final AdHocCommands commands;
    private final Set<String> admins;
    private final Clock clock;
    private final AtomicLong pushIds = new AtomicLong();
    private final Roster roster;
    private ModuleContext context;

    /** {@code admins} are the configured administrators' bare JIDs, who may list the reports. */
    public BlockingModule(Blocklists blocklists, Roster roster, AbuseReportRepository reports,
            AdHocCommands commands, List<String> admins, Clock clock) {
        this.blocklists = blocklists;
        this.roster = roster;
        this.reports = reports;
        this.commands = commands;
        this.admins = Set.copyOf(admins);
        this.clock = clock;
    }

    @Override
    public void start(ModuleContext context) {
        this.context = context;
        // §3.1: clients ask the server; the account's own disco says the same, as it answers for it.
        context.serverFeature(NAMESPACE);
        context.accountFeature(NAMESPACE);
        context.serverFeature(AbuseReport.NAMESPACE);
        context.handleIq(IqScope.ACCOUNT, NAMESPACE, this::handle);
        BlockingFilter filter = new BlockingFilter(blocklists, context.sessions(), context.stanzas());
        // The sender's own blocklist first, as one hook did before: it is told, where a blocked sender is not.
        context.onDeliveryFrom(HOOK_PRIORITY, filter::outbound);
        context.onDelivery(HOOK_PRIORITY, filter::inbound);
        commands.add(new ListAbuseReportsCommand(reports, admins, context.enabledHosts()));
    }

    private Stanza handle(IqRequest request) {
        Stanza iq = request.iq();
        Jid user = iq.from().bare();
        if (!iq.to().equals(user)) {
            return iq.error(StanzaError.FORBIDDEN, "A blocklist is its owner's alone");
        }
        Element payload = iq.payload();
        boolean get = iq.type().equals("get");
        return switch (payload.name()) {
            case "blocklist" -> get ? blocklist(iq) : iq.error(StanzaError.BAD_REQUEST, "blocklist takes type get");
            case "block" -> get ? iq.error(StanzaError.BAD_REQUEST, "block takes type set") : block(iq);
            case "unblock" -> get ? iq.error(StanzaError.BAD_REQUEST, "unblock takes type set") : unblock(iq);
            default -> iq.error(StanzaError.FEATURE_NOT_IMPLEMENTED, null);
        };
    }

    /** §3.2: the list, and from now on this resource gets the pushes. */
    private Stanza blocklist(Stanza iq) {
        Session session = context.sessions().get(iq.from());
        if (session != null) {
            session.put(REQUESTED_BLOCKLIST, Boolean.TRUE);
        }
        return iq.result(itemsElement("blocklist", blocklists.of(iq.from().bare()).items()));
    }

    /** §3.3 and XEP-0377 §6: block the items, store their reports, push, then appear offline to them. */
    private Stanza block(Stanza iq) {
        List<Element> items = items(iq);
        if (items.isEmpty()) {
            return iq.error(StanzaError.BAD_REQUEST, "block needs at least one item");
        }
        List<Jid> jids;
        List<AbuseReport> found = new ArrayList<>();
        try {
            jids = jids(items);
            for (int i = 0; i < items.size(); i++) {
                Element report = items.get(i).child("report", AbuseReport.NAMESPACE);
                if (report != null) {
                    found.add(AbuseReport.parse(report, iq.from().bare(), jids.get(i), clock.instant()));
                }
            }
        } catch (IllegalArgumentException e) {
            return invalid(iq, e);
        }
        List<Jid> added = blocklists.block(iq.from().bare(), jids);
        found.forEach(reports::add);
        push(iq.from().bare(), itemsElement("block", jids));
        added.forEach(jid -> appearOffline(iq.from().bare(), jid));
        return iq.result(null);
    }

    /**
     * §3.4 and §3.5: unblock the items, or everything when there are none; contacts subscribed to
     * the user's presence then get its current presence again.
     */
    private Stanza unblock(Stanza iq) {
        List<Element> items = items(iq);
        Jid user = iq.from().bare();
        if (items.isEmpty()) {
            List<Jid> unblocked = List.copyOf(blocklists.of(user).items());
            blocklists.unblockAll(user);
            push(iq.from().bare(), Element.of("unblock", NAMESPACE));
            unblocked.forEach(jid -> appearOnline(iq.from().bare(), jid));
            return iq.result(null);
        }
        List<Jid> jids;
        try {
            jids = jids(items);
        } catch (IllegalArgumentException e) {
            return invalid(iq, e);
        }
        blocklists.unblock(user, jids);
        push(iq.from().bare(), itemsElement("unblock", jids));
        jids.forEach(jid -> appearOnline(iq.from().bare(), jid));
        return iq.result(null);
    }

    /** Undoes {@link #appearOffline} for a contact entitled to the user's presence (subscription from/both). */
    private void appearOnline(Jid user, Jid unblocked) {
        if (unblocked.local() == null || !roster.subscription(user, unblocked.bare()).hasFrom()) {
            return;
        }
        sendFromAvailable(user, unblocked, Session::presence);
    }

    /** Routes {@code presence} of each available resource of the user to {@code contact}. */
    private void sendFromAvailable(Jid user, Jid contact, Function<Session, Stanza> presence) {
        for (Session mine : context.sessions().sessionsOf(user)) {
            if (mine.available()) {
                context.stanzas().route(presence.apply(mine).withAddresses(mine.jid(), contact));
            }
        }
    }

    private static List<Element> items(Stanza iq) {
        return iq.payload().elements().stream().filter(e -> e.is("item", NAMESPACE)).toList();
    }

    /** The items' addresses; throws {@link JidFormatException} for an invalid one. */
    private static List<Jid> jids(List<Element> items) {
        List<Jid> jids = new ArrayList<>(items.size());
        for (Element item : items) {
            String jid = item.attribute("jid");
            if (jid == null) {
                throw new IllegalArgumentException("An item needs a 'jid'");
            }
            jids.add(Jid.parse(jid));
        }
        return jids;
    }

    /** RFC 6120 §8.3.3.8: an address that is not a JID is jid-malformed; anything else is a bad request. */
    private static Stanza invalid(Stanza iq, IllegalArgumentException e) {
        return iq.error(e instanceof JidFormatException ? StanzaError.JID_MALFORMED : StanzaError.BAD_REQUEST,
                e.getMessage());
    }

    private static Element itemsElement(String name, Iterable<Jid> jids) {
        Element.Builder b = Element.builder(name, NAMESPACE);
        for (Jid jid : jids) {
            b.child(Element.builder("item", NAMESPACE).attribute("jid", jid.toString()).build());
        }
        return b.build();
    }

    /** Sends the change to every resource of the user that has requested the blocklist. */
    private void push(Jid user, Element change) {
        for (Session session : context.sessions().sessionsOf(user)) {
            if (Boolean.TRUE.equals(session.get(REQUESTED_BLOCKLIST))) {
                Element iq = Element.builder("iq", Namespaces.STANZA).attribute("type", "set")
                        .attribute("id", "block-push-" + pushIds.incrementAndGet()).child(change).build();
                session.deliver(Stanza.of(iq).withAddresses(user, session.jid()));
            }
        }
    }

    /**
     * §3.3: the blocked address gets unavailable presence from each available resource of the
     * user. Delivered straight to its local sessions, since the filter now drops anything routed
     * there; a domain item has no sessions of its own to tell. A user of another server is sent
     * it if entitled to the user's presence (the filter lets the server's unavailable presence out).
     */
    private void appearOffline(Jid user, Jid blocked) {
        if (blocked.local() != null && !context.hosts().isAccount(blocked)) {
            if (roster.subscription(user, blocked.bare()).hasFrom()) {
                sendFromAvailable(user, blocked, mine -> Stanza.presence("unavailable"));
            }
            return;
        }
        if (!context.hosts().isAccount(blocked)) {
            return;
        }
        List<Session> targets = blocked.isBare() ? context.sessions().sessionsOf(blocked)
                : sessionOrNone(blocked);
        for (Session mine : context.sessions().sessionsOf(user)) {
            if (!mine.available()) {
                continue;
            }
            for (Session target : targets) {
                if (target.available()) {
                    target.deliver(Stanza.presence("unavailable").withAddresses(mine.jid(), target.jid()));
                }
            }
        }
    }

    private List<Session> sessionOrNone(Jid fullJid) {
        Session session = context.sessions().get(fullJid);
        return session == null ? List.of() : List.of(session);
    }
}
