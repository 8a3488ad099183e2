package im.parley.modules.offline;

import im.parley.module.HostSettings;
import im.parley.module.Accounts;
import im.parley.module.Delivery;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.SessionListener;
import im.parley.modules.offline.OfflineStore.OfflineMessage;
import im.parley.modules.offline.OfflineStore.StoredMessage;
import im.parley.session.Session;
import im.parley.store.GroupCommit;
import im.parley.store.StoreException;
import im.parley.xml.XmlText;
import im.parley.xmpp.DelayedDelivery;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline messages (XEP-0160): a normal or chat message for a user with no available resource
 * is stored, stamped with a XEP-0203 delay, and delivered in order when one of the user's
 * sessions becomes available with a non-negative priority or raises a negative one (RFC 6121
 * §8.5.2.1.1, XEP-0160 §3: "next sends non-negative available presence"), before the messages
 * routed to that session meanwhile, which it holds back until then (RFC 6120 §10.1). A message is
 * accepted only once its transaction has committed and reached the file ({@code Jdbc.inDurableTransaction}), so
 * neither a restart nor a crash of the server loses anything accepted.
 */
public final class OfflineModule implements Module {
    /** The disco feature of XEP-0160 §5. */
    static final String FEATURE = "msgoffline";
    /** Most messages one store transaction takes; more waiting ones go into the next. */
    private static final int MAX_WRITE_BATCH = 256;
    /** Messages read, delivered and deleted per round trip when a user comes online. */
    private static final int DELIVERY_BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(OfflineModule.class);

    private final OfflineStore store;
    private final Accounts accounts;
    private final HostSettings<OfflineConfig> settings;
    private final Clock clock;
    /**
     * The users whose stored messages are being delivered, each with the catch-ups waiting for the
     * next read of the store: one delivery at a time per user, so that none hands a message twice.
     */
    private final Map<Jid, Queue<Pending>> deliveries = new ConcurrentHashMap<>();
    private ModuleContext context;
    private GroupCommit<OfflineMessage, Boolean> writer;

    public OfflineModule(OfflineStore store, Accounts accounts, HostSettings<OfflineConfig> settings, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void start(ModuleContext context) {
        this.context = context;
        writer = new GroupCommit<>("offline-writer", MAX_WRITE_BATCH,
                batch -> store.append(batch, user -> settings.of(user.domain()).maxMessagesPerUser()));
        context.serverFeature(FEATURE);
        context.onUndeliverableMessage(this::accept);
        context.onSession(new SessionListener() {
            @Override
            public void acceptsMessages(Session session) {
                deliverStored(session);
            }
        });
        accounts.onDeletion(store::deleteAll);
    }

    @Override
    public void stop() {
        writer.close();
    }

    /** The undeliverable-message hook: how the message ended here, or null for the router's error. */
    private Delivery.Outcome accept(Stanza message) {
        return switch (OfflinePolicy.of(message)) {
            case STORE -> store(message);
            case DISCARD -> Delivery.DROPPED;
            case REFUSE -> null;
        };
    }

    /**
     * Stores the message and waits for its commit. A full quota is answered here with
     * resource-constraint; a store failure returns null so that the router answers instead, and
     * either way the sender gets exactly one error.
     */
    private Delivery.Outcome store(Stanza message) {
        Stanza stamped = DelayedDelivery.stamp(message, message.to().domain(), clock.instant(),
                "Offline Storage");
        boolean stored;
        try {
            stored = writer.submit(new OfflineMessage(message.to().bare(), XmlText.write(stamped.element())));
        } catch (StoreException | IllegalStateException e) {
            log.warn("Could not store an offline message for {}", message.to(), e);
            return null;
        }
        if (!stored) {
            context.stanzas().route(message.error(StanzaError.RESOURCE_CONSTRAINT,
                    "The recipient's offline message storage is full"));
            return new Delivery.Bounced(StanzaError.RESOURCE_CONSTRAINT);
        }
        deliverIfCameOnline(message.to().bare());
        return Delivery.STORED_OFFLINE;
    }

    /**
     * A session may have become available between the router finding none and the commit; its
     * own delivery may then have read the store before the message was there, so there is one
     * more. The sender's later messages to it wait behind that delivery.
     */
    private void deliverIfCameOnline(Jid user) {
        Optional<Session> target = context.sessions().sessionsOf(user).stream()
                .filter(s -> s.available() && s.priority() >= 0)
                .max(Comparator.comparingInt(Session::priority));
        target.ifPresent(this::deliverStored);
    }

    /**
     * Delivers the user's stored messages to the session, ahead of the messages routed to it from
     * now on (RFC 6120 §10.1: a sender's stored messages came first), which wait for it. The
     * session holds them back before this returns, so that the caller's next message waits too;
     * the store is read after that. Never waits: the delivery runs on a thread of its own, which
     * may wait for the client to read and acknowledge (not the session's stream thread, which
     * must go on taking the acknowledgements in, nor a sender's).
     */
    private void deliverStored(Session session) {
        Jid user = session.jid().bare();
        Pending pending = new Pending(session, session.catchUp());
        boolean[] first = {false};
        deliveries.compute(user, (key, queue) -> {
            first[0] = queue == null;
            Queue<Pending> waiting = first[0] ? new ArrayDeque<>() : queue;
            waiting.add(pending);
            return waiting;
        });
        if (first[0]) {
            try {
                Thread.ofVirtual().name("offline-delivery").start(() -> deliverAll(user));
            } catch (RuntimeException | Error e) {
                abandon(user, new ArrayDeque<>());
                throw e;
            }
        }
    }

    /** Serves the user's catch-ups until none waits, then lets the next request start a delivery. */
    private void deliverAll(Jid user) {
        Queue<Pending> taken = new ArrayDeque<>();
        boolean served = false;
        try {
            while (true) {
                deliveries.computeIfPresent(user, (key, queue) -> {
                    taken.addAll(queue);
                    queue.clear();
                    return taken.isEmpty() ? null : queue;
                });
                if (taken.isEmpty()) {
                    served = true;
                    return;
                }
                for (Pending pending; (pending = taken.poll()) != null; ) {
                    serve(user, pending);
                }
            }
        } finally {
            if (!served) {
                abandon(user, taken);
            }
        }
    }

    private void serve(Jid user, Pending pending) {
        try (Session.CatchUp catchUp = pending.catchUp()) {
            flush(user, pending.session(), catchUp);
        } catch (RuntimeException e) {
            // What was not deleted stays stored for the next session; the next catch-up goes on.
            log.error("Could not deliver the offline messages of {} to {}", user, pending.session().jid(), e);
        }
    }

    /**
     * A delivery that cannot go on (an Error, or no thread to run it): no session's messages may
     * wait for it. Every catch-up taken or queued is closed, what they were to deliver stays
     * stored, and the next request starts a delivery afresh.
     */
    private void abandon(Jid user, Queue<Pending> taken) {
        Queue<Pending> queued = deliveries.remove(user);
        if (queued != null) {
            taken.addAll(queued);
        }
        log.error("The offline delivery of {} stopped; {} sessions no longer wait for it", user, taken.size());
        taken.forEach(pending -> pending.catchUp().close());
    }

    /**
     * Hands the user's stored messages to the session in order, deleting what it accepted. What
     * it refuses (its stream closing, its client not reading) stays stored for the next session.
     */
    private void flush(Jid user, Session session, Session.CatchUp catchUp) {
        List<StoredMessage> batch;
        int accepted;
        do {
            batch = store.oldest(user, DELIVERY_BATCH);
            accepted = deliver(session, catchUp, batch);
            if (accepted > 0) {
                store.deleteThrough(user, batch.get(accepted - 1).id());
            }
        } while (batch.size() == DELIVERY_BATCH && accepted == batch.size());
    }

    /** Delivers the batch in order, waiting for room, until the session refuses one; how many it accepted. */
    private static int deliver(Session session, Session.CatchUp catchUp, List<StoredMessage> batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (!session.awaitRoom() || !deliver(session, catchUp, batch.get(i))) {
                return i;
            }
        }
        return batch.size();
    }

    private static boolean deliver(Session session, Session.CatchUp catchUp, StoredMessage message) {
        Stanza stanza;
        try {
            stanza = Stanza.of(XmlText.readOne(message.stanza()));
        } catch (IllegalArgumentException e) {
            // A row that cannot be read would otherwise block every later message of the user.
            log.error("Dropped unreadable offline message {} for {}", message.id(), session.jid(), e);
            return true;
        }
        return catchUp.deliver(stanza);
    }

    /** A session waiting for the user's stored messages, holding back what is routed to it meanwhile. */
    private record Pending(Session session, Session.CatchUp catchUp) {
    }
}
