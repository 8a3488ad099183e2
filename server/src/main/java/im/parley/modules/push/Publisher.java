package im.parley.modules.push;

import im.parley.module.HostSettings;
import im.parley.module.StanzaSender;
import im.parley.modules.push.Registration.Target;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes notifications to the app servers' push services (XEP-0357 §6): a publish-subscribe
 * publish from the user's host with a {@code urn:xmpp:push:summary} form, and the publish options
 * the client enabled the service with. One push at a time per registration: what comes while one
 * is unanswered waits, the newest summary only, and goes when it is answered. An error or no
 * answer in time pauses the registration (no push is sent, none is kept for later: the next
 * message after the pause sends one), doubling the pause with each error in a row, and after
 * {@code max-errors} in a row the registration is disabled (§7). The server never retries by
 * itself, so a failing app server gets at most one push per pause.
 */
final class Publisher {
    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String SUMMARY = "urn:xmpp:push:summary";
    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    /**
     * A registration's pushes: one unanswered, the newest summary waiting behind it, or paused
     * after errors. Replaced whole in {@link ConcurrentHashMap#compute}, never changed in place.
     */
    private record State(boolean inFlight, Element waiting, int errors, Instant pausedUntil) {
    }

    private final StanzaSender stanzas;
    private final PushRegistrations registrations;
    private final HostSettings<PushConfig> settings;
    private final Clock clock;
    /** Registrations with a push unanswered or paused; the others have none. */
    private final Map<Target, State> states = new ConcurrentHashMap<>();

    Publisher(StanzaSender stanzas, PushRegistrations registrations, HostSettings<PushConfig> settings, Clock clock) {
        this.stanzas = stanzas;
        this.registrations = registrations;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Notifies every push service of the account that {@code message} came; {@code count} counts
     * it among the unseen and says how many there are, asked only when the account has a service.
     */
    void notify(Jid account, Stanza message, IntSupplier count) {
        List<Registration> enabled = registrations.of(account);
        if (enabled.isEmpty()) {
            return;
        }
        Element summary = summary(message, count.getAsInt(), settings.of(account.domain()));
        for (Registration registration : enabled) {
            if (claim(registration.target(), summary)) {
                publish(registration, summary);
            }
        }
    }

    /** The registration was enabled again or disabled: it starts afresh. */
    void forget(Jid account, Jid service, String node) {
        states.keySet().removeIf(t -> t.account().equals(account) && t.service().equals(service)
                && (node == null || t.node().equals(node)));
    }

    /** True when a push may go now; otherwise the summary waits behind the unanswered one, or is dropped while paused. */
    private boolean claim(Target target, Element summary) {
        Instant now = clock.instant();
        boolean[] send = {false};
        states.compute(target, (key, state) -> {
            if (state == null || !state.inFlight() && !now.isBefore(state.pausedUntil())) {
                send[0] = true;
                return new State(true, null, state == null ? 0 : state.errors(), state == null ? now : state.pausedUntil());
            }
            return state.inFlight() ? new State(true, summary, state.errors(), state.pausedUntil()) : state;
        });
        return send[0];
    }

    /** Sends outside {@link #states}' compute: an answer may come back on this very thread (a bounce). */
    private void publish(Registration registration, Element summary) {
        PushConfig config = settings.of(registration.account().domain());
        stanzas.request(publishIq(registration, summary), config.responseTimeout())
                .whenComplete((response, failure) -> answered(registration,
                        failure == null && "result".equals(response.type()) ? null
                                : failure != null ? "no answer in " + config.responseTimeout().toSeconds() + " s"
                                : describe(response), config));
    }

    /** The app server answered (problem null) or failed: the next push goes, or the registration pauses. */
    private void answered(Registration registration, String problem, PushConfig config) {
        Target target = registration.target();
        if (problem == null) {
            Element[] next = {null};
            states.computeIfPresent(target, (key, state) -> {
                next[0] = state.waiting();
                return next[0] == null ? null : new State(true, null, 0, clock.instant());
            });
            if (next[0] != null) {
                publish(registration, next[0]);
            }
            return;
        }
        State paused = states.compute(target, (key, state) -> {
            int errors = state == null ? 1 : state.errors() + 1;
            return new State(false, null, errors, clock.instant().plus(pause(errors, config)));
        });
        if (paused.errors() < config.maxErrors()) {
            log.info("Push to {} (node '{}') for {} failed ({}), {} in a row: none for {} s", registration.service(),
                    registration.node(), registration.account(), problem, paused.errors(),
                    pause(paused.errors(), config).toSeconds());
            return;
        }
        log.warn("Push to {} (node '{}') for {} failed {} times in a row ({}): disabled (XEP-0357 §7)",
                registration.service(), registration.node(), registration.account(), paused.errors(), problem);
        states.remove(target);
        // Not on the thread that routed the answer, which must not wait for the store.
        Thread.ofVirtual().name("push-disable").start(() -> registrations.disable(registration.account(),
                registration.service(), registration.node()));
    }

    /** The first pause, doubled for each further error in a row, at most the longest. */
    private static Duration pause(int errors, PushConfig config) {
        Duration pause = config.firstBackoff().multipliedBy(1L << Math.min(errors - 1, 30));
        return pause.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : pause;
    }

    private static String describe(Stanza response) {
        Element error = response.element().child("error", Namespaces.STANZA);
        Element condition = error == null ? null : error.firstElement();
        return "error " + (condition == null ? "without a condition" : condition.name());
    }

    /** The summary form of §6: how many messages are unseen, from whom the last came and what it said, as configured. */
    static Element summary(Stanza message, int count, PushConfig config) {
        List<DataForm.Field> fields = new ArrayList<>(4);
        fields.add(DataForm.Field.formType(SUMMARY));
        fields.add(DataForm.Field.of("message-count", null, null, Integer.toString(count)));
        if (config.includeSender() && message.from() != null) {
            fields.add(DataForm.Field.of("last-message-sender", null, null, message.from().toString()));
        }
        String body = message.element().childText("body");
        if (config.includeBody() && body != null) {
            fields.add(DataForm.Field.of("last-message-body", null, null, body));
        }
        return DataForm.of(DataForm.Type.SUBMIT, null, fields).toElement();
    }

    /** §6: a publish to the registration's node, from the user's host, with its publish options if any. */
    static Stanza publishIq(Registration registration, Element summary) {
        Element.Builder publish = Element.builder("publish", PUBSUB);
        if (!registration.node().isEmpty()) {
            publish.attribute("node", registration.node());
        }
        publish.child(Element.builder("item", PUBSUB)
                .child(Element.builder("notification", PushModule.NAMESPACE).child(summary).build()).build());
        Element.Builder pubsub = Element.builder("pubsub", PUBSUB).child(publish.build());
        if (registration.publishOptions() != null) {
            pubsub.child(Element.builder("publish-options", PUBSUB).child(registration.publishOptions()).build());
        }
        return Stanza.of(Element.builder("iq", Namespaces.STANZA).attribute("type", "set")
                .attribute("from", registration.account().domain()).attribute("to", registration.service().toString())
                .attribute("id", "push").child(pubsub.build()).build());
    }
}
