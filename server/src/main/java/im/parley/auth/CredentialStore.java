package im.parley.auth;

import java.util.Map;
import java.util.Optional;

/**
 * Where the SASL mechanisms look an account up. Implemented by the account storage; it may
 * block, because mechanisms are evaluated off the network event loop.
 */
@FunctionalInterface
public interface CredentialStore {
    /**
     * The stored credentials of an account, at most one per hash.
     *
     * @param username the account's localpart, already normalized (PRECIS UsernameCaseMapped)
     * @return the credentials, or an empty map when there is no such account
     */
    Map<ScramHash, ScramCredential> credentials(String username);

    /**
     * The stored credential of an account for one hash, the one a SCRAM exchange needs. A store
     * that can read it alone should: a login then fetches one credential instead of all.
     */
    default Optional<ScramCredential> credential(String username, ScramHash hash) {
        return Optional.ofNullable(credentials(username).get(hash));
    }
}
