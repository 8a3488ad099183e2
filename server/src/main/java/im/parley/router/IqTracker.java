package im.parley.router;

import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The IQ requests the server itself has sent and is waiting on (RFC 6120 §8.2.3: every request
 * gets exactly one response, with the same id, from the entity it was sent to). A response is
 * matched by id and by its sender, so nobody but the addressee can answer for it.
 */
final class IqTracker {
    private record Pending(Jid addressee, CompletableFuture<Stanza> response) {
    }

    private final Consumer<Stanza> sender;
    private final String idPrefix = "parley-" + Long.toHexString(System.nanoTime()) + "-";
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** {@code sender} routes the requests (the router). */
    IqTracker(Consumer<Stanza> sender) {
        this.sender = sender;
    }

    /**
     * Sends {@code request} under a fresh id and returns its response: a result or an error
     * stanza, or a {@link java.util.concurrent.TimeoutException} when none came in time.
     * Dependent actions run on the thread that routed the response, or on a JDK timer thread
     * after a timeout: they must not block.
     */
    CompletableFuture<Stanza> request(Stanza request, Duration timeout) {
        if (!request.isRequest() || request.from() == null || request.to() == null) {
            throw new IllegalArgumentException("not an addressed IQ get or set: " + request);
        }
        String id = idPrefix + counter.incrementAndGet();
        CompletableFuture<Stanza> response = new CompletableFuture<>();
        pending.put(id, new Pending(request.to(), response));
        response.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(id));
        sender.accept(Stanza.of(request.element().withAttribute("id", id)));
        return response;
    }

    /** Completes the request this IQ response answers; false when it answers none (it is then dropped). */
    boolean complete(Stanza response) {
        String id = response.id();
        Pending p = id == null ? null : pending.get(id);
        if (p == null || !p.addressee().equals(response.from())) {
            return false;
        }
        pending.remove(id);
        return p.response().complete(response);
    }
}
