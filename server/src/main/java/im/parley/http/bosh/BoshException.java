package im.parley.http.bosh;

/** A request the session cannot take: it ends with {@link #condition()}, the message saying why for the log. */
final class BoshException extends Exception {
    private final Condition condition;

    BoshException(Condition condition, String message) {
        super(message, null, false, false);
        this.condition = condition;
    }

    Condition condition() {
        return condition;
    }
}
