package im.parley.session;

import im.parley.xmpp.Stanza;
import java.util.concurrent.CompletableFuture;

/**
 * Where a client's messages are written before the server counts them as handled (XEP-0198's
 * inbound 'h'), so that a message the server acknowledged survives the server's crash. Routing
 * never waits for the write; the acknowledgement does. An entry stays until the message is safe
 * elsewhere: acknowledged by the recipient's client, stored offline, or handed to a session
 * without stream management or bounced (nothing more can be done). At start-up, what is left
 * goes where an unacknowledged stanza of an ended session goes.
 */
public interface DeliveryJournal {
    /** The journal entry of one message; held by the routing that journaled it and by each session that kept it. */
    interface Entry {
        /** Completes once the entry's write committed; exceptionally if it failed. */
        CompletableFuture<?> written();

        /** One more holder: a session that keeps the message until its client acknowledges it. */
        void hold();

        /** A holder is done with it; the last one removes the entry. */
        void release();
    }

    /**
     * Writes {@code stanza} (batched with others; this does not wait) when it is a message the
     * journal keeps: a chat or normal message to an account of a hosted domain, which would be
     * stored offline if no resource took it. Its entry has one holder, the caller, who releases it
     * once the message was routed.
     *
     * @return its entry, or null for a stanza the journal does not keep (IQs, presence, other messages)
     */
    Entry record(Stanza stanza);
}
