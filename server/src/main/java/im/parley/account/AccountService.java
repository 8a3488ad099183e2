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
 * Account operations as the command line and in-band registration need them. Usernames are
 * normalized here, once, as JID localparts; passwords are turned into one SCRAM credential per
 * {@link ScramHash} and never stored. It is also the {@link CredentialStore} the SASL mechanisms
 * look accounts up in. Methods may block (storage, key derivation): call them off the network
 * threads.
 */
public final class AccountService implements CredentialStore {
    private final AccountRepository repository;
    private final CredentialDerivation derivation;
    private final List<Consumer<String>> deletionListeners = new CopyOnWriteArrayList<>();

    public AccountService(AccountRepository repository, CredentialDerivation derivation) {
        this.repository = repository;
        this.derivation = derivation;
    }

    /**
     * The canonical form of a username (PRECIS UsernameCaseMapped, as a JID localpart).
     *
     * @throws InvalidUsernameException if it cannot be a localpart
     */
    public static String normalize(String username) {
        try {
            return Jid.enforceLocal(username);
        } catch (JidFormatException e) {
            throw new InvalidUsernameException(username, e.getMessage());
        }
    }

    /**
     * Creates an account and returns its normalized username.
     *
     * @throws IllegalArgumentException if the password is not a valid PRECIS OpaqueString (e.g. empty)
     * @throws AccountExistsException if the (normalized) username is taken
     * @throws InvalidUsernameException if the username is not valid
     */
    public String create(String username, String password) {
        String name = normalize(username);
        if (!repository.create(name, derive(password))) {
            throw new AccountExistsException(name);
        }
        return name;
    }

    /**
     * Deletes an account, then lets every deletion listener remove the data its feature keeps for
     * that user. The account goes first so that no one can log in to it meanwhile; all listeners
     * run even if one fails, and the failures are then thrown together.
     *
     * @throws UnknownAccountException if there is no such account
     */
    public void delete(String username) {
        String name = normalize(username);
        if (!repository.delete(name)) {
            throw new UnknownAccountException(name);
        }
        RuntimeException failure = null;
        for (Consumer<String> listener : deletionListeners) {
            try {
                listener.accept(name);
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
    public void changePassword(String username, String newPassword) {
        String name = normalize(username);
        if (!repository.replaceCredentials(name, derive(newPassword))) {
            throw new UnknownAccountException(name);
        }
    }

    /** All usernames, in ascending order. */
    public List<String> list() {
        return repository.list();
    }

    /** Whether the account exists; false for a name that could not be a username at all. */
    public boolean exists(String username) {
        String name = normalizeOrNull(username);
        return name != null && repository.exists(name);
    }

    /**
     * The account's credentials by hash, for SASL; empty when there is no such account, including
     * for a name that could not be a username (authentication then fails like for any unknown user).
     */
    @Override
    public Map<ScramHash, ScramCredential> credentials(String username) {
        String name = normalizeOrNull(username);
        return name == null ? Map.of() : repository.credentials(name);
    }

    @Override
    public Optional<ScramCredential> credential(String username, ScramHash hash) {
        String name = normalizeOrNull(username);
        return name == null ? Optional.empty() : repository.credential(name, hash);
    }

    /**
     * Registers a feature's clean-up, called with the normalized username after an account is
     * deleted (roster, offline messages, archive...). Listeners run on the deleting thread.
     */
    public void addDeletionListener(Consumer<String> listener) {
        deletionListeners.add(listener);
    }

    private Map<ScramHash, ScramCredential> derive(String password) {
        Map<ScramHash, ScramCredential> credentials = new EnumMap<>(ScramHash.class);
        for (ScramHash hash : ScramHash.values()) {
            credentials.put(hash, derivation.derive(hash, password));
        }
        return credentials;
    }

    private static String normalizeOrNull(String username) {
        try {
            return normalize(username);
        } catch (InvalidUsernameException e) {
            return null;
        }
    }
}
