package im.parley.http.bosh;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;

/**
 * The terminal binding conditions of XEP-0124 §17.2 that Parley sends. A client that did not say
 * which BOSH version it speaks ('ver') gets the HTTP status its version knew instead of 200 for
 * the three that had one (§17.1).
 */
enum Condition {
    BAD_REQUEST(HttpResponseStatus.BAD_REQUEST),
    HOST_UNKNOWN(null),
    ITEM_NOT_FOUND(HttpResponseStatus.NOT_FOUND),
    POLICY_VIOLATION(HttpResponseStatus.FORBIDDEN),
    /** An XMPP stream error, carried as the body's {@code <stream:error/>} (XEP-0206 §8). */
    REMOTE_STREAM_ERROR(null),
    SYSTEM_SHUTDOWN(null);

    private final String value = name().toLowerCase(Locale.ROOT).replace('_', '-');
    private final HttpResponseStatus legacyStatus;

    Condition(HttpResponseStatus legacyStatus) {
        this.legacyStatus = legacyStatus;
    }

    /** The value of the 'condition' attribute. */
    String value() {
        return value;
    }

    HttpResponseStatus status(boolean legacyClient) {
        return legacyClient && legacyStatus != null ? legacyStatus : HttpResponseStatus.OK;
    }
}
