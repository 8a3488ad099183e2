package im.parley.modules.fast;

import im.parley.xmpp.Jid;
import java.time.Instant;
import java.util.List;

/** The FAST tokens of each user's clients, by user-agent id, as hashes (see db/fast). */
interface TokenStore {
    /** The XEP's two slots: the token in use and one issued but not yet used. */
    enum Slot { CURRENT, NEXT }

    /** @param hash the token's SHA-256 */
    record Token(Slot slot, byte[] hash, String mechanism, Instant expires) {
    }

    /** The tokens of one client of the user, at most one per slot. */
    List<Token> tokens(Jid user, String agent);

    /**
     * Puts a newly issued token into the client's 'next' slot, replacing one it never used, and
     * drops the user's tokens expired by {@code now} (of clients that never came back), so that
     * a user's rows stay bounded by the clients it uses.
     */
    void issue(Jid user, String agent, Token token, Instant now);

    /** The client used its 'next' token: it becomes 'current', and the one it replaces is gone. */
    void promote(Jid user, String agent);

    /** Invalidates the client's tokens. */
    void delete(Jid user, String agent);

    /** Invalidates every token of the user (account deleted, password changed). */
    void deleteAll(Jid user);
}
