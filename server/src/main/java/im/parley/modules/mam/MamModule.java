package im.parley.modules.mam;

import im.parley.module.Accounts;
import im.parley.module.Declarations;
import im.parley.module.Delivery;
import im.parley.module.HostSettings;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.Origin;
import im.parley.modules.roster.Roster;
import im.parley.session.Session;
import im.parley.store.ArchiveStore;
import im.parley.store.KeyValueStore;
import im.parley.store.ReadThroughCache;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message Archive Management for one-to-one messages (XEP-0313, with its extended features),
 * archiving preferences (XEP-0441) and stable stanza ids (XEP-0359).
 *
 * <p>A message for a local account is stamped, before delivery, with the {@code <stanza-id/>} of
 * the entry it will have in the recipient's archive (a delivery hook, run after every filter);
 * once the router reports how it ended, what was delivered or stored offline is archived for the
 * recipient and, when a local client sent it, for the sender, each by their own preferences. A
 * message a local client sends out of the server (to a remote domain or an external component)
 * gets no such report: the sender's copy is written as it leaves.
 * Writes are queued to a group-commit writer so that routing never waits for the database; a
 * query first waits for its owner's reserved ids and queued writes ({@link ArchiveWriter}), so it
 * sees every message delivered before it. With {@code retention-days}, {@link ArchiveRetention}
 * expires older messages in the background, and {@link Tombstones} replaces retracted messages (XEP-0424).
 */
public final class MamModule implements Module {
    static final String NAMESPACE = "urn:xmpp:mam:2";
    static final String EXTENDED = "urn:xmpp:mam:2#extended";
    /** After every delivery hook that may still refuse the message (blocking, strangers). */
    static final int HOOK_PRIORITY = -1000;
    /**
     * Before carbons copy a sent message (-1000, modules/carbons), so that the copy carries the
     * sender's archive id and never one a client forged in the sender's name.
     */
    static final int CLIENT_HOOK_PRIORITY = -900;
    /** After carbons copied a sent message with the sender's archive id (-1000), before it is routed. */
    static final int LEAVING_HOOK_PRIORITY = -1100;
    private static final int CACHED_PREFERENCES = 100_000;
    private static final Logger log = LoggerFactory.getLogger(MamModule.class);

    private final ArchiveStore archive;
    private final KeyValueStore preferenceStore;
    private final ReadThroughCache<Jid, Preferences> preferences;
    private final Roster roster;
    private final Accounts accounts;
    private final Declarations declarations;
    private final HostSettings<ArchiveConfig> settings;
    private final Clock clock;
    private final ArchiveSearch search;
    private ModuleContext context;
    private final ArchiveWriter writer;
    private final Tombstones tombstones;
    private final ArchiveAccess access;
    /** The sender's entry the client hook reserved for the message being routed on this thread (see {@link #sent}). */
    private final ThreadLocal<SentEntry> sentOnThisThread = new ThreadLocal<>();

    /** A reserved id in the archive of a message's sender. */
    private record SentEntry(Jid owner, String id) {
    }
    private ArchiveRetention retention;

    public MamModule(ArchiveStore archive, KeyValueStore preferenceStore, Roster roster, Accounts accounts,
            Declarations declarations, HostSettings<ArchiveConfig> settings, Clock clock) {
        this.archive = archive;
        this.preferenceStore = preferenceStore;
        this.roster = roster;
        this.accounts = accounts;
        this.declarations = declarations;
        this.settings = settings;
        this.clock = clock;
        this.search = new ArchiveSearch(archive, settings);
        this.preferences = new ReadThroughCache<>(CACHED_PREFERENCES, this::loadPreferences);
        this.writer = new ArchiveWriter(archive);
        this.tombstones = new Tombstones(archive, writer, clock);
        this.access = new ArchiveAccess(archive, writer, search, tombstones);
    }

    /** The archive as other features keep and read one (a chat room's). */
    ArchiveAccess access() {
        return access;
    }

    @Override
    public void start(ModuleContext context) {
        this.context = context;
        context.accountFeature(NAMESPACE);
        context.accountFeature(EXTENDED);
        context.accountFeature(StanzaIds.NAMESPACE);
        // XEP-0424 §4: retractions are archived (as conversation content, see Archivable).
        context.accountFeature(Archivable.RETRACT);
        context.accountFeature(Tombstones.FEATURE);
        context.handleIq(IqScope.ACCOUNT, NAMESPACE, this::handle);
        context.onClientStanza(CLIENT_HOOK_PRIORITY, this::sent);
        context.onClientStanza(LEAVING_HOOK_PRIORITY, this::leaving);
        context.onDelivery(HOOK_PRIORITY, this::stamp);
        context.onDelivered(this::archive);
        accounts.onDeletion(user -> {
            // Writes queued before the deletion would otherwise land after it.
            writer.awaitWrites(user);
            archive.deleteAll(user);
            preferences.invalidate(user);
        });
        Map<String, Duration> retained = new HashMap<>();
        for (String host : context.enabledHosts().domains()) {
            Duration period = settings.of(host).retention();
            if (period != null) {
                retained.put(host, period);
            }
        }
        if (!retained.isEmpty()) {
            retention = new ArchiveRetention(archive, retained, clock);
            retention.start();
        }
    }

    @Override
    public void stop() {
        if (retention != null) {
            retention.stop();
        }
        // The writes first: the tombstones queued after them start once they are written.
        writer.close();
        tombstones.close();
    }

    /**
     * The client stanza hook: removes the stanza-ids a sending client put on its message in its
     * own account's name (XEP-0359 §4: the entity an id names deletes one it did not generate)
     * and, when the sender archives a message to a local account or one that leaves the server
     * (to a remote domain or an external component), reserves the id of the sender's entry and
     * puts it on the message, so that the sent carbons made next carry it (XEP-0313,
     * "Communicating the archive ID"). For a local account the delivery hook takes it off again
     * before the recipient sees it, and the delivery listener writes the entry under it; for a
     * message that leaves, {@link #leaving} does both.
     *
     * <p>The reservation waits on this thread: a message is routed, and its delivery reported, on
     * its sender's thread before the hook returns to the stream (a message to a local account
     * always gets a report, whatever its outcome). One left over (never reported) is released by
     * the next message or query.
     */
    private Stanza sent(Session sender, Stanza stanza) {
        if (!stanza.isMessage()) {
            return stanza;
        }
        releaseUnreported();
        Jid owner = sender.jid().bare();
        Element message = StanzaIds.without(stanza.element(), owner);
        Jid to = stanza.to();
        if (to != null && !to.bare().equals(owner) && Archivable.isArchivable(stanza)
                && (context.enabledHosts().isAccount(to) || leavesTheServer(to)) && archives(owner, to)) {
            String id = writer.reserve(owner);
            sentOnThisThread.set(new SentEntry(owner, id));
            message = StanzaIds.with(message, owner, id);
        }
        return message == stanza.element() ? stanza : Stanza.of(message);
    }

    /**
     * The last client stanza hook for a message that leaves the server: no delivery report comes
     * back for it (the router hands it to a server-to-server stream or a component's), so the
     * sender's entry is written now, once, and the id taken off: it is for the sender's own
     * carbons, never for the recipient (XEP-0313, "Communicating the archive ID").
     */
    private Stanza leaving(Session sender, Stanza stanza) {
        // Only a message its sender's entry was reserved for can need it: that cheap test first.
        SentEntry reserved = sentOnThisThread.get();
        if (!stanza.isMessage() || reserved == null || !reserved.owner().equals(sender.jid().bare())
                || stanza.to() == null || !leavesTheServer(stanza.to())) {
            return stanza;
        }
        sentOnThisThread.remove();
        Element message = StanzaIds.without(stanza.element(), reserved.owner());
        writer.writeReserved(reserved.owner(), reserved.id(), stanza.to(), XmlText.write(message));
        retracted(reserved.owner(), stanza.to(), stanza);
        return Stanza.of(message);
    }

    /** Neither a domain hosted here nor a module's service domain: a remote server's or an external component's. */
    private boolean leavesTheServer(Jid to) {
        return !context.hosts().contains(to.domain()) && !declarations.isServiceDomain(to.domain());
    }

    /** A reservation of the sender's entry whose message got no delivery report: it will not be written. */
    private void releaseUnreported() {
        SentEntry unreported = sentOnThisThread.get();
        if (unreported != null) {
            sentOnThisThread.remove();
            writer.release(unreported.id());
        }
    }

    /**
     * The delivery hook: removes stanza-ids a sender forged in the recipient's name (or that this
     * hook put on the message before, when the router hands it to the bare JID after a full JID
     * failed) and, when the recipient archives the message, adds the id of its archive entry.
     */
    private Stanza stamp(Stanza stanza, Origin origin) {
        if (!stanza.isMessage()) {
            return stanza;
        }
        if (stanza.isError() && stanza.from() != null) {
            stanza = withoutBouncedId(stanza);
        }
        Jid owner = stanza.to().bare();
        String earlier = StanzaIds.idBy(stanza.element(), owner);
        if (earlier != null) {
            writer.release(earlier);
        }
        Element message = StanzaIds.without(stanza.element(), owner);
        if (origin.kind() == Origin.Kind.CLIENT && stanza.from() != null) {
            // The sender's archive id, for its own carbons only (XEP-0313 forbids it to contacts);
            // a service's own (a room's, by its JID) is for everyone it sends the message to.
            message = StanzaIds.without(message, stanza.from().bare());
        }
        if (Archivable.isArchivable(stanza) && stanza.from() != null && archives(owner, stanza.from())) {
            message = StanzaIds.with(message, owner, writer.reserve(owner));
        }
        return message == stanza.element() ? stanza : Stanza.of(message);
    }

    /**
     * A bounce carries the message's payload back (RFC 6120 §8.3.1), the stanza-id the bouncing
     * recipient's archive stamped on it included, whoever built the bounce (the router, offline
     * storage): that id is only for those with access to the recipient's archive (XEP-0313,
     * "Communicating the archive ID").
     */
    private static Stanza withoutBouncedId(Stanza error) {
        Element message = StanzaIds.without(error.element(), error.from().bare());
        return message == error.element() ? error : Stanza.of(message);
    }

    /**
     * The delivery listener: archives what reached the recipient or their offline store, for the
     * recipient (under the id stamped before delivery) and for a local sender.
     */
    private void archive(Delivery delivery) {
        Stanza message = delivery.stanza();
        Jid recipient = message.to().bare();
        String key = StanzaIds.idBy(message.element(), recipient);
        boolean accepted = delivery.outcome() instanceof Delivery.Delivered
                || delivery.outcome() instanceof Delivery.StoredOffline;
        if (!accepted) {
            if (key != null) {
                writer.release(key);
            }
            if (delivery.origin().kind() == Origin.Kind.CLIENT && message.from() != null) {
                SentEntry reserved = sentBy(message.from().bare());
                if (reserved != null) {
                    writer.release(reserved.id());
                }
            }
            return;
        }
        if (key != null) {
            writer.writeReserved(recipient, key, message.from(), XmlText.write(message.element()));
            retracted(recipient, message.from(), message);
        }
        Jid sender = message.from() == null ? null : message.from().bare();
        // A message to oneself has one archive, already written above (XEP-0313 §7.1.1: once).
        if (delivery.origin().kind() != Origin.Kind.CLIENT || recipient.equals(sender)) {
            return;
        }
        // A reservation says the client hook found the message archived for its sender already;
        // without one (no hook ran for the sender's host) the same rules decide here.
        SentEntry reserved = sentBy(sender);
        if (reserved == null && !(Archivable.isArchivable(message) && archives(sender, message.to()))) {
            return;
        }
        String value = XmlText.write(StanzaIds.without(message.element(), recipient));
        if (reserved != null) {
            writer.writeReserved(sender, reserved.id(), message.to(), value);
        } else {
            writer.write(sender, message.to(), value);
        }
        retracted(sender, message.to(), message);
    }

    /** The sender's entry reserved by the client hook for the message being reported, taken off this thread. */
    private SentEntry sentBy(Jid sender) {
        SentEntry reserved = sentOnThisThread.get();
        if (reserved == null || !reserved.owner().equals(sender)) {
            return null;
        }
        sentOnThisThread.remove();
        return reserved;
    }

    /** A retraction (XEP-0424) archived for the owner makes the message it retracts a tombstone there. */
    private void retracted(Jid owner, Jid with, Stanza message) {
        Element retract = message.element().child("retract", Archivable.RETRACT);
        if (retract != null) {
            tombstones.retracted(owner, with, message.from(), retract, message.id());
        }
    }

    private boolean archives(Jid owner, Jid target) {
        return preferences.get(owner).archives(target, () -> roster.isInRoster(owner, target.bare()));
    }

    private Preferences loadPreferences(Jid user) {
        return preferenceStore.get(user)
                .map(value -> Preferences.parse(XmlText.readOne(value.text())))
                .orElse(Preferences.of(settings.of(user.domain()).defaultPreference()));
    }

    /** IQs in urn:xmpp:mam:2: queries, the query form, metadata and preferences, on one's own archive only. */
    private Stanza handle(IqRequest request) {
        Stanza iq = request.iq();
        Jid owner = iq.to().bare();
        if (!owner.equals(iq.from().bare())) {
            return iq.error(StanzaError.FORBIDDEN, "Only the owner may use an archive");
        }
        Element payload = iq.payload();
        if (payload.name().equals(Preferences.ELEMENT)) {
            return "get".equals(iq.type()) ? iq.result(preferences.get(owner).toElement()) : setPreferences(iq, owner, payload);
        }
        // A reservation left on this thread would keep the owner's query waiting for it.
        releaseUnreported();
        return access.answer(iq, owner, context.sessions().get(iq.from()), ArchiveAccess.View.WHOLE);
    }

    /** XEP-0441 §3: the applied preferences are the answer. */
    private Stanza setPreferences(Stanza iq, Jid owner, Element payload) {
        Preferences changed;
        try {
            changed = Preferences.parse(payload);
        } catch (IllegalArgumentException e) {
            log.debug("Archive preferences of {} refused: {}", iq.from(), e.getMessage());
            return iq.error(StanzaError.BAD_REQUEST, e.getMessage());
        }
        Element applied = changed.toElement();
        preferences.write(owner, current -> {
            preferenceStore.set(owner, new KeyValueStore.Value(XmlText.write(applied), clock.instant()));
            return changed;
        });
        return iq.result(applied);
    }
}
