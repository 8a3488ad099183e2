package im.parley.auth;

import java.util.Map;

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
}
