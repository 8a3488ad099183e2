package im.parley.module;

/**
 * Told how each message to a local account or one of its resources ended, once per message:
 * delivered to which resources, stored offline, dropped (a headline nobody takes, an error
 * message), refused by a delivery hook, or bounced (also for an account that does not exist).
 * Messages to the server's own domain or to a service domain are not local accounts' and are
 * not reported. Runs on the thread that routed the message, after the outcome; it must not block
 * for long (hand storage work to a batched writer).
 */
@FunctionalInterface
public interface DeliveryListener {
    void delivered(Delivery delivery);
}
