package im.parley.account;

import im.parley.auth.CredentialStore;
import im.parley.auth.ScramCredential;
import im.parley.auth.ScramHash;
import im.parley.xmpp.Jid;
import im.parley.xmpp.JidFormatException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Account operations as the command line, in-band registration and administration need them. An
 * account is a bare JID: a username (normalized here, once, as a JID localpart) on one of the
 * server's hosts. Passwords are turned into one SCRAM credential per {@link ScramHash} and never
 * stored. {@link #credentialStore(String)} is what the SASL mechanisms of one host look accounts
 * up in. Methods may block (storage, key derivation): call them off the network threads.
 */
public final class AccountService {
    private final AccountRepository repository;
    private final CredentialDerivation derivation;
    private final List<Consumer<Jid>> deletionListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Jid>> passwordChangeListeners = new CopyOnWriteArrayList<>();

    public AccountService(AccountRepository repository, CredentialDerivation derivation) {
        this.repository = repository;
        this.derivation = derivation;
    }

    /**
     * The account JID of a username typed by a person (command line, registration form) on a host:
     * the username in its canonical form (PRECIS UsernameCaseMapped, as a JID localpart).
     *
     * @throws InvalidUsernameException if it cannot be a localpart
     */
    public static Jid user(String username, String host) {
        try {
            return Jid.of(username, host, null);
        } catch (JidFormatException e) {
            throw new InvalidUsernameException(username, e.getMessage());
        }
    }

    /**
     * Creates an account and returns its bare JID.
     *
     * @param user a JID with a local part
     * @throws IllegalArgumentException if the password is not a valid PRECIS OpaqueString (e.g. empty)
     * @throws AccountExistsException if the username is taken on that host
     */
    public Jid create(Jid user, String password) {
        Jid account = account(user);
        if (!repository.create(account, derive(password))) {
            throw new AccountExistsException(account.toString());
        }
        return account;
    }

    /**
     * Deletes an account, then lets every deletion listener remove the data its feature keeps for
     * that user. The account goes first so that no one can log in to it meanwhile; all listeners
     * run even if one fails, and the failures are then thrown together.
     *
     * @throws UnknownAccountException if there is no such account
     */
    public void delete(Jid user) {
        Jid account = account(user);
        if (!repository.delete(account)) {
            throw new UnknownAccountException(account.toString());
        }
        RuntimeException failure = null;
        for (Consumer<Jid> listener : deletionListeners) {
            try {
                listener.accept(account);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * @throws IllegalArgumentException if the password is not a valid PRECIS OpaqueString
     * @throws UnknownAccountException if there is no such account
     */
    public void changePassword(Jid user, String newPassword) {
        Jid account = account(user);
        if (!repository.replaceCredentials(account, derive(newPassword))) {
            throw new UnknownAccountException(user.toString());
        }
        // What was granted on the old password (FAST tokens) goes with it.
        passwordChangeListeners.forEach(listener -> listener.accept(account));
    }

    /** The accounts of one host, in ascending order of username. */
    public List<Jid> list(String host) {
        return repository.list(host);
    }

    /**
     * The accounts of one host whose username contains {@code text} (in any case: usernames are
     * case-mapped), in ascending order of username: {@code limit} of them from {@code offset}.
     */
    public List<Jid> find(String host, String text, int offset, int limit) {
        return repository.find(host, text, Math.max(offset, 0), Math.max(limit, 0));
    }

    /** How many accounts of one host have a username that contains {@code text} ("" for all of them). */
    public int count(String host, String text) {
        return repository.count(host, text);
    }

    /** Whether the account exists; false for a JID without a local part. */
    public boolean exists(Jid user) {
        return user.local() != null && repository.exists(user.bare());
    }

    /**
     * The accounts of one host as the SASL mechanisms see them: credentials by username, empty when
     * there is no such account, including for a name that could not be a username (authentication
     * then fails like for any unknown user).
     */
    public CredentialStore credentialStore(String host) {
        return new CredentialStore() {
            @Override
            public Map<ScramHash, ScramCredential> credentials(String username) {
                Jid user = userOrNull(username, host);
                return user == null ? Map.of() : repository.credentials(user);
            }

            @Override
            public Optional<ScramCredential> credential(String username, ScramHash hash) {
                Jid user = userOrNull(username, host);
                return user == null ? Optional.empty() : repository.credential(user, hash);
            }
        };
    }

    /**
     * Registers a feature's clean-up, called with the account's bare JID after the account is
     * deleted (roster, offline messages, archive...). Listeners run on the deleting thread.
     */
    public void addDeletionListener(Consumer<Jid> listener) {
        deletionListeners.add(listener);
    }

    /** Registers what a feature drops when an account's password changes, called with its bare JID. */
    public void addPasswordChangeListener(Consumer<Jid> listener) {
        passwordChangeListeners.add(listener);
    }

    private Map<ScramHash, ScramCredential> derive(String password) {
        Map<ScramHash, ScramCredential> credentials = new EnumMap<>(ScramHash.class);
        for (ScramHash hash : ScramHash.values()) {
            credentials.put(hash, derivation.derive(hash, password));
        }
        return credentials;
    }

    private static Jid account(Jid user) {
        if (user.local() == null) {
            throw new InvalidUsernameException(user.toString(), "an account's address has a local part");
        }
        return user.bare();
    }

    private static Jid userOrNull(String username, String host) {
        try {
            return user(username, host);
        } catch (InvalidUsernameException e) {
            return null;
        }
    }
}
