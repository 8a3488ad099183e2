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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline messages (XEP-0160): a normal or chat message for a user with no available resource
 * is stored, stamped with a XEP-0203 delay, and delivered in order when one of the user's
 * sessions becomes available with a non-negative priority or raises a negative one (RFC 6121
 * §8.5.2.1.1, XEP-0160 §3: "next sends non-negative available presence"). A message is
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
     * Delivery of a user's stored messages runs under the user's lock (striped), so that two
     * deliveries at once (two sessions, or a store racing a login) never hand a message twice.
     */
    private final ReentrantLock[] deliveryLocks = IntStream.range(0, 64)
            .mapToObj(i -> new ReentrantLock()).toArray(ReentrantLock[]::new);
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
                // A thread of its own, which may wait for the client to read and acknowledge: not
                // the session's stream thread, which must go on taking the acknowledgements in.
                Thread.ofVirtual().name("offline-delivery").start(() -> deliverStored(session, true));
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
     * own delivery may then have run before the message was there, so the message goes out now.
     * This runs on the sender's thread, which must not wait for the recipient: a delivery already
     * under way is left to finish, and nothing waits for the client to read.
     */
    private void deliverIfCameOnline(Jid user) {
        Optional<Session> target = context.sessions().sessionsOf(user).stream()
                .filter(s -> s.available() && s.priority() >= 0)
                .max(Comparator.comparingInt(Session::priority));
        target.ifPresent(session -> deliverStored(session, false));
    }

    /**
     * Hands the user's stored messages to the session in order, deleting what it accepted. What
     * it refuses (its stream closing, its client not reading) stays stored for the next session.
     *
     * @param patient wait for the client to read rather than pass the connection's cap (never on
     *     a router's or the session's stream thread); otherwise give up at once when another
     *     delivery holds the user
     */
    private void deliverStored(Session session, boolean patient) {
        Jid user = session.jid().bare();
        ReentrantLock lock = deliveryLocks[Math.floorMod(user.hashCode(), deliveryLocks.length)];
        if (patient) {
            lock.lock();
        } else if (!lock.tryLock()) {
            return;
        }
        try {
            List<StoredMessage> batch;
            int accepted;
            do {
                batch = store.oldest(user, DELIVERY_BATCH);
                accepted = deliver(session, batch, patient);
                if (accepted > 0) {
                    store.deleteThrough(user, batch.get(accepted - 1).id());
                }
            } while (batch.size() == DELIVERY_BATCH && accepted == batch.size());
        } finally {
            lock.unlock();
        }
    }

    /** Delivers the batch in order until the session refuses one; how many it accepted. */
    private static int deliver(Session session, List<StoredMessage> batch, boolean patient) {
        for (int i = 0; i < batch.size(); i++) {
            if (patient && !session.awaitRoom() || !deliver(session, batch.get(i))) {
                return i;
            }
        }
        return batch.size();
    }

    private static boolean deliver(Session session, StoredMessage message) {
        Stanza stanza;
        try {
            stanza = Stanza.of(XmlText.readOne(message.stanza()));
        } catch (IllegalArgumentException e) {
            // A row that cannot be read would otherwise block every later message of the user.
            log.error("Dropped unreadable offline message {} for {}", message.id(), session.jid(), e);
            return true;
        }
        return session.deliver(stanza);
    }
}
