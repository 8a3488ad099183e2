package im.parley.modules.roster;

import im.parley.module.IqRequest;
import im.parley.module.Origin;
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
        // XEP-0356: the component layer lets through only the roster requests of a privileged entity.
        boolean privileged = request.origin().kind() == Origin.Kind.COMPONENT;
        if (!privileged && (iq.from() == null || !iq.from().bare().equals(owner))) {
            // §2.1.5 (server rules): only the user's own resources may see or change the roster.
            return iq.error(StanzaError.FORBIDDEN, "Only the account's own resources may use its roster");
        }
        if (!"get".equals(iq.type())) {
            return set(iq, owner);
        }
        // A privileged entity has no session to push to: it gets the whole roster, as the account would.
        return privileged ? editor.locked(owner, () -> fullRoster(iq, owner, null)) : get(iq, owner);
    }

    /**
     * §2.2 and §2.6.3: the whole roster with its version; or, for a client that holds a version
     * this server issued, an empty result followed by a push of each change since (none when
     * the version is current). Either way the resource becomes interested in pushes. The answer
     * is sent under the roster's lock, so that no push of a concurrent change overtakes it.
     */
    private Stanza get(Stanza iq, Jid owner) {
        Session session = sessions.get(iq.from());
        if (session == null) {
            // The resource is gone: nobody is left to answer.
            return null;
        }
        String cachedVersion = iq.payload().attribute("ver");
        RosterPushes.markInterested(session, cachedVersion != null);
        return editor.locked(owner, () -> {
            long version = editor.store().version(owner.bare());
            Optional<List<RosterChange>> changes = missedChanges(owner, cachedVersion, version);
            if (changes.isEmpty()) {
                session.deliver(fullRoster(iq, owner, cachedVersion == null ? null : Long.toString(version)));
                return null;
            }
            session.deliver(iq.result(null));
            for (RosterChange change : changes.get()) {
                pushes.catchUp(session, change);
            }
            return null;
        });
    }

    private Stanza fullRoster(Stanza iq, Jid owner, String version) {
        Element.Builder query = Element.builder("query", RosterItem.NAMESPACE).attribute("ver", version);
        for (RosterItem item : editor.store().items(owner.bare())) {
            query.child(item.toElement());
        }
        return iq.result(query.build());
    }

    /**
     * The changes a client holding {@code cachedVersion} missed (none when it is current); empty
     * when the client has no version, or one this server cannot account for. Versions are opaque
     * to clients (§2.6.1), so anything but a number this server issued gets the whole roster.
     */
    private Optional<List<RosterChange>> missedChanges(Jid owner, String cachedVersion, long version) {
        if (cachedVersion == null) {
            return Optional.empty();
        }
        if (cachedVersion.equals(Long.toString(version))) {
            // The common case at login, answered without asking the store for changes.
            return Optional.of(List.of());
        }
        try {
            return editor.store().changesSince(owner.bare(), Long.parseLong(cachedVersion));
        } catch (NumberFormatException e) {
            return Optional.empty();
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
        if (refused != null) {
            return iq.error(refused, "The roster is full");
        }
        editor.changed(owner, set.jid());
        return iq.result(null);
    }

    /** §2.4: adds the item or replaces its name and groups; returns the error when the roster is full. */
    private StanzaError update(Jid owner, RosterSet set) {
        RosterItem existing = editor.store().item(owner.bare(), set.jid()).orElse(null);
        if (existing == null && !editor.hasRoomForOneMore(owner)) {
            // §2.4.3: a roster at its size limit takes no new items.
            return StanzaError.NOT_ALLOWED;
        }
        RosterItem base = existing == null ? RosterItem.of(set.jid()) : existing;
        editor.save(owner, base.withNameAndGroups(set.name(), set.groups()));
        return null;
    }
}
