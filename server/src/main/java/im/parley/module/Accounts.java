package im.parley.module;

import im.parley.xmpp.Jid;
import java.util.List;
import java.util.function.Consumer;

/**
 * The accounts of the hosted domains, each named by its bare JID ({@code alice@example.org}), so
 * that two hosts may each have an {@code alice}. Exceptions are those of
 * {@link im.parley.account.AccountService}.
 */
public interface Accounts {
    /** Creates an account and returns its normalized bare JID. */
    Jid create(Jid account, String password);

    /** Deletes an account, then runs every deletion listener (a feature's clean-up). */
    void delete(Jid account);

    void changePassword(Jid account, String newPassword);

    /**
     * Whether {@code password} is the account's, checked as SASL PLAIN checks it (for a login that
     * is no XMPP stream: the web admin page); derives the password, so it takes a while.
     */
    boolean authenticate(Jid account, String password);

    /** Whether the account exists; may read the store. */
    boolean exists(Jid account);

    /** The accounts of one hosted domain, in ascending order. */
    List<Jid> list(String host);

    /**
     * The accounts of one hosted domain whose username contains {@code text} (any case; "" for
     * all), in ascending order: {@code limit} of them from {@code offset}. The store searches.
     */
    List<Jid> find(String host, String text, int offset, int limit);

    /** How many accounts of one hosted domain have a username that contains {@code text} ("" for all). */
    int count(String host, String text);

    /** Registers a feature's clean-up, called with the deleted account's bare JID. */
    void onDeletion(Consumer<Jid> listener);

    /** Registers what a feature drops when a password changes (credentials derived from the old one), called with the bare JID. */
    void onPasswordChange(Consumer<Jid> listener);
}
