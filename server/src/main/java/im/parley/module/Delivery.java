package im.parley.module;

import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.List;

/**
 * How the delivery of a message to a local account ended: the event message carbons
 * (XEP-0280: copy to the resources that did not get it) and the archive (XEP-0313: store what
 * was delivered or kept offline, once) hang on. Made only when some module listens.
 *
 * @param stanza the message as delivered (after the delivery hooks; as sent when a hook refused it)
 * @param origin where it entered the server
 */
public record Delivery(Stanza stanza, Origin origin, Outcome outcome) {
    /** One of: delivered to resources, stored for later, dropped, refused by a hook, bounced. */
    public sealed interface Outcome {
    }

    public static final Outcome STORED_OFFLINE = new StoredOffline();
    public static final Outcome DROPPED = new Dropped();
    public static final Outcome REFUSED = new Refused();

    /** Written to these sessions' queues (full JIDs), in routing order. */
    public record Delivered(List<Jid> resources) implements Outcome {
        public Delivered {
            resources = List.copyOf(resources);
        }
    }

    /** No resource could take it; a module stored it for later delivery (XEP-0160). */
    public record StoredOffline() implements Outcome {
    }

    /**
     * Delivered nowhere and not answered, as the rules say: a headline nobody online can take
     * (RFC 6121 §8.5.2.2.1, §8.5.1), an error message (never answered).
     */
    public record Dropped() implements Outcome {
    }

    /**
     * A delivery hook took it for the recipient (a blocked sender, XEP-0191; a stranger the
     * recipient refuses) and answered the sender as that protocol says.
     */
    public record Refused() implements Outcome {
    }

    /** Returned to its sender with this error. */
    public record Bounced(StanzaError error) implements Outcome {
    }
}
