package im.parley.module;

import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an IQ request. Runs on the sending session's own thread (a virtual thread), so it may
 * block on storage; it must not block for long on anything else.
 */
@FunctionalInterface
public interface IqHandler {
    /**
     * Returns the response (a result or an error built with {@link Stanza#result} or
     * {@link Stanza#error}), or null when the handler has sent its response itself.
     * An exception is answered with {@code internal-server-error} and logged.
     */
    Stanza handle(IqRequest request) throws Exception;

    /**
     * Whether the handler answers for an account that does not exist too, as it answers a
     * requester the account does not authorize, so that its answers tell no one which accounts
     * exist (XEP-0030 §8). Otherwise the router answers an IQ to a missing account with
     * service-unavailable itself (RFC 6121 §8.5.1).
     */
    default boolean answersMissingAccounts() {
        return false;
    }

    /** {@code handler}, answering for missing accounts too (see {@link #answersMissingAccounts}). */
    static IqHandler answeringMissingAccounts(IqHandler handler) {
        return new IqHandler() {
            @Override
            public Stanza handle(IqRequest request) throws Exception {
                return handler.handle(request);
            }

            @Override
            public boolean answersMissingAccounts() {
                return true;
            }
        };
    }

    /**
     * A handler for a query protocol that only defines {@code get} (ping, version, time, disco):
     * a {@code set} is answered with {@code bad-request}.
     */
    static IqHandler getOnly(IqHandler answer) {
        return request -> "get".equals(request.iq().type())
                ? answer.handle(request)
                : request.iq().error(StanzaError.BAD_REQUEST, "This query takes type get");
    }

    /** Runs a handler; a failure becomes internal-server-error for the sender and a log line for us. */
    static Stanza answer(IqHandler handler, IqRequest request) {
        try {
            return handler.handle(request);
        } catch (Exception | LinkageError e) {
            IqFailures.log.warn("IQ handler failed for {}", request.iq(), e);
            return request.iq().error(StanzaError.INTERNAL_SERVER_ERROR, null);
        }
    }
}

/** The log of failed IQ handlers (an interface cannot hold a private logger). */
final class IqFailures {
    static final Logger log = LoggerFactory.getLogger(IqHandler.class);

    private IqFailures() {
    }
}
