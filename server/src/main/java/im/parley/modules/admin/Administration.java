package im.parley.modules.admin;

import im.parley.account.AccountService;
import im.parley.account.UnknownAccountException;
import im.parley.module.Accounts;
import im.parley.modules.muc.ChatRooms;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xmpp.Jid;
import im.parley.xmpp.StreamError;
import java.util.List;
import java.util.Optional;

/**
 * The administrator's operations, once for every way of asking for them: the command line
 * ({@code parley user ...}), the XEP-0133 ad-hoc commands and the web admin page. Each acts on
 * accounts and sessions of the hosted domains; exceptions are those of {@link AccountService}.
 * Methods may block (the store, key derivation): call them off the network threads.
 */
public final class Administration {
    private final Accounts accounts;
    private final LocalSessions sessions;
    private final ChatRooms rooms;

    /** @param rooms the chat rooms, or null when the rooms feature is off */
    public Administration(Accounts accounts, LocalSessions sessions, ChatRooms rooms) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.rooms = rooms;
    }

    /** One page of a host's accounts whose name contains {@code search}, and how many match in all. */
    public record UserPage(List<Jid> users, int matching) {
    }

    /** Creates an account; returns its normalized bare JID. */
    public Jid addUser(Jid account, String password) {
        return accounts.create(account, password);
    }

    /**
     * Removes the account with its data (the features' deletion listeners) and ends its sessions
     * with not-authorized, as in-band account removal does.
     *
     * @throws UnknownAccountException if there is no such account
     */
    public void deleteUser(Jid account) {
        accounts.delete(account);
        for (Session session : sessions.sessionsOf(account.bare())) {
            session.close(StreamError.NOT_AUTHORIZED, "Account deleted");
        }
    }

    /** Open sessions stay: they authenticated with the old password legitimately. */
    public void changePassword(Jid account, String password) {
        accounts.changePassword(account, password);
    }

    public boolean exists(Jid account) {
        return accounts.exists(account);
    }

    /** The accounts of a host, in ascending order. */
    public List<Jid> users(String host) {
        return accounts.list(host);
    }

    /**
     * The accounts of a host whose local part contains {@code search} (any case), {@code limit} from
     * {@code offset}: the store searches and counts, so no more than a page is read.
     */
    public UserPage users(String host, String search, int offset, int limit) {
        String needle = search.strip();
        return new UserPage(accounts.find(host, needle, offset, limit), accounts.count(host, needle));
    }

    /** How many accounts a host has. */
    public int userCount(String host) {
        return accounts.count(host, "");
    }

    /** The bound sessions of a host's accounts, ordered by full JID. */
    public List<Session> sessions(String host) {
        return sessions.all().stream().filter(session -> session.jid().domain().equals(host))
                .sorted((a, b) -> a.jid().toString().compareTo(b.jid().toString())).toList();
    }

    /** XEP-0133 §4.15: an online user is an account (of the host) with at least one bound session. */
    public List<Jid> onlineUsers(String host) {
        return usersOf(sessions(host));
    }

    /** The accounts {@code sessions} are of, each once. */
    public static List<Jid> usersOf(List<Session> sessions) {
        return sessions.stream().map(session -> session.jid().bare()).distinct().toList();
    }

    /**
     * Ends a user's sessions (a bare JID) or one session (a full JID) with policy-violation (RFC
     * 6120 §4.9.3.14, "violated some local service policy"): the admin's decision is local policy,
     * and unlike conflict, not-authorized or reset it tells the client neither that another login
     * replaced it nor that its credentials or account are gone, so it may log in again later.
     * Returns how many sessions were told to end.
     */
    public int endSessions(Jid jid) {
        List<Session> ending;
        if (jid.isBare()) {
            ending = sessions.sessionsOf(jid);
        } else {
            Session session = sessions.get(jid);
            ending = session == null ? List.of() : List.of(session);
        }
        for (Session session : ending) {
            session.close(StreamError.POLICY_VIOLATION, "Session ended by an administrator");
        }
        return ending.size();
    }

    /** The chat rooms, when the rooms feature is on. */
    public Optional<ChatRooms> rooms() {
        return Optional.ofNullable(rooms);
    }
}
