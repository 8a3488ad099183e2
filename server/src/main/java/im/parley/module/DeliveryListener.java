package im.parley.module;

/**
 * Told how each message to a local account ended (delivered to which resources, stored offline,
 * bounced). Runs on the thread that routed the message, after the outcome; it must not block
 * for long (hand storage work to a batched writer).
 */
@FunctionalInterface
public interface DeliveryListener {
    void delivered(Delivery delivery);
}
