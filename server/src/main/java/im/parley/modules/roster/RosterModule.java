package im.parley.modules.roster;

import im.parley.module.HostSettings;
import im.parley.module.Accounts;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.SessionListener;
import im.parley.module.StreamFeature;
import im.parley.session.Session;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;

/**
 * Rosters and presence subscriptions (RFC 6121 §2, §3): the roster IQ, roster versioning and
 * subscription pre-approval stream features, subscription stanzas in both directions, pending
 * requests delivered again at login, and clean-up when an account is deleted. Other modules read
 * rosters through {@link #roster()}.
 */
public final class RosterModule implements Module {
    /** §2.6.1 stream feature: the server supports roster versioning. */
    public static final String ROSTER_VERSIONING = "urn:xmpp:features:rosterver";
    /** §3.4.1 stream feature: the server supports subscription pre-approval. */
    public static final String PRE_APPROVAL = "urn:xmpp:features:pre-approval";
    /** Subscription stanzas are handled before other hooks (e.g. blocking at a lower priority sees the rest). */
    private static final int HOOK_PRIORITY = 100;

    private final OnlineRosters store;
    private final Accounts accounts;
    private final HostSettings<RosterConfig> settings;
    private final Rosters roster;

    public RosterModule(RosterStore store, Accounts accounts, HostSettings<RosterConfig> settings) {
        this.store = new OnlineRosters(store);
        this.accounts = accounts;
        this.settings = settings;
        this.roster = new Rosters(this.store);
    }

    /** The read API over local users' rosters. */
    public Roster roster() {
        return roster;
    }

    @Override
    public void start(ModuleContext context) {
        RosterPushes pushes = new RosterPushes(context.sessions());
        RosterEditor editor = new RosterEditor(store, pushes, settings, roster);
        Subscriptions subscriptions = new Subscriptions(editor, context.stanzas(), context.sessions());
        RosterQuery query = new RosterQuery(editor, pushes, subscriptions, context.sessions());
        context.handleIq(IqScope.ACCOUNT, RosterItem.NAMESPACE, query::handle);
        // The roster is the account's (its requests go to the bare JID), provided by the server.
        context.serverFeature(RosterItem.NAMESPACE);
        context.accountFeature(RosterItem.NAMESPACE);
        context.streamFeature(new StreamFeature(Element.of("ver", ROSTER_VERSIONING), false, true));
        context.streamFeature(new StreamFeature(Element.of("sub", PRE_APPROVAL), false, true));
        context.onClientStanza(HOOK_PRIORITY, subscriptions::fromClient);
        context.onDelivery(HOOK_PRIORITY, (stanza, origin) -> subscriptions.toUser(stanza));
        context.onSession(new SessionListener() {
            @Override
            public void bound(Session session) {
                store.admit(session.jid().bare());
            }

            @Override
            public void available(Session session) {
                subscriptions.redeliver(session);
            }

            @Override
            public void ended(Session session) {
                // A session of the same user bound meanwhile may find its roster released: it is
                // then read from the store until that user's next login, slower but never stale.
                if (context.sessions().sessionsOf(session.jid().bare()).isEmpty()) {
                    store.release(session.jid().bare());
                }
            }
        });
        accounts.onDeletion(subscriptions::accountDeleted);
    }
}
