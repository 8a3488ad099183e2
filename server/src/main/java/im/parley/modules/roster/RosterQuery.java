package im.parley.modules.roster;

import im.parley.module.IqRequest;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.List;
import java.util.Optional;

/** The jabber:iq:roster protocol (RFC 6121 §2): roster get (§2.2), set (§2.3, §2.4) and removal (§2.5). */
final class RosterQuery {
    private final RosterEditor editor;
    private final RosterPushes pushes;
    private final Subscriptions subscriptions;
    private final LocalSessions sessions;

    RosterQuery(RosterEditor editor, RosterPushes pushes, Subscriptions subscriptions, LocalSessions sessions) {
        this.editor = editor;
        this.pushes = pushes;
        this.subscriptions = subscriptions;
        this.sessions = sessions;
    }

    Stanza handle(IqRequest request) {
        Stanza iq = request.iq();
        Jid owner = iq.to();
        if (iq.from() == null || !iq.from().bare().equals(owner)) {
            // §2.1.5 (server rules): only the user's own resources may see or change the roster.
            return iq.error(StanzaError.FORBIDDEN, "Only the account's own resources may use its roster");
        }
        return "get".equals(iq.type()) ? get(iq, owner) : set(iq, owner);
    }

    /**
     * §2.2 and §2.6.3: the whole roster with its version; or, for a client that holds a version
     * this server issued, an empty result followed by a push of each change since (none when
     * the version is current). Either way the resource becomes interested in pushes. Runs under
     * the roster's lock, so that no push of a concurrent change overtakes the result.
     */
    private Stanza get(Stanza iq, Jid owner) {
        String cachedVersion = iq.payload().attribute("ver");
        Session session = sessions.get(iq.from());
        if (session != null) {
            RosterPushes.markInterested(session, cachedVersion != null);
        }
        return editor.locked(owner, () -> {
            long version = editor.store().version(owner.local());
            Long held = issuedVersion(cachedVersion);
            if (held != null && held == version) {
                return iq.result(null);
            }
            if (held != null && session != null && catchUp(session, iq, held)) {
                return null;
            }
            return fullRoster(iq, owner, cachedVersion == null ? null : Long.toString(version));
        });
    }

    /** Sends the empty result and the missed changes, if the store knows them. */
    private boolean catchUp(Session session, Stanza iq, long held) {
        Optional<List<RosterChange>> changes = editor.store().changesSince(session.jid().local(), held);
        if (changes.isEmpty()) {
            return false;
        }
        session.deliver(iq.result(null));
        for (RosterChange change : changes.get()) {
            pushes.catchUp(session, change);
        }
        return true;
    }

    private Stanza fullRoster(Stanza iq, Jid owner, String version) {
        Element.Builder query = Element.builder("query", RosterItem.NAMESPACE).attribute("ver", version);
        for (RosterItem item : editor.store().items(owner.local())) {
            query.child(item.toElement());
        }
        return iq.result(query.build());
    }

    /** The client's cached version if it can be one this server issued (a number); versions are opaque to clients. */
    private static Long issuedVersion(String cachedVersion) {
        if (cachedVersion == null || cachedVersion.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(cachedVersion);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Stanza set(Stanza iq, Jid owner) {
        RosterSet set;
        try {
            set = RosterSet.parse(iq.payload());
        } catch (RosterSet.Invalid e) {
            return iq.error(e.condition(), e.getMessage());
        }
        if (set.remove()) {
            return subscriptions.removeItem(owner, set.jid())
                    ? iq.result(null)
                    : iq.error(StanzaError.ITEM_NOT_FOUND, "No such roster item");
        }
        StanzaError refused = editor.locked(owner, () -> update(owner, set));
        return refused == null ? iq.result(null) : iq.error(refused, "The roster is full");
    }

    /** §2.4: adds the item or replaces its name and groups; returns the error when the roster is full. */
    private StanzaError update(Jid owner, RosterSet set) {
        RosterItem existing = editor.store().item(owner.local(), set.jid()).orElse(null);
        if (existing == null && !editor.hasRoomForOneMore(owner)) {
            // §2.4.3: a roster at its size limit takes no new items.
            return StanzaError.NOT_ALLOWED;
        }
        RosterItem base = existing == null ? RosterItem.of(set.jid()) : existing;
        editor.save(owner, base.withNameAndGroups(set.name(), set.groups()));
        return null;
    }
}
