package im.parley.account;

import im.parley.auth.ScramCredential;
import im.parley.auth.ScramHash;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage of accounts and their SCRAM credentials. Usernames are given already normalized
 * (see {@link AccountService}); implementations compare them as plain strings. Calls may block.
 */
public interface AccountRepository {

    /** Creates an account with its credentials (one per hash); false if the username is taken. */
    boolean create(String username, Map<ScramHash, ScramCredential> credentials);

    /** Deletes an account and its credentials; false if there was no such account. */
    boolean delete(String username);

    boolean exists(String username);

    /** All usernames, in ascending order. */
    List<String> list();

    /** The account's credentials by hash; empty for an unknown account. */
    Map<ScramHash, ScramCredential> credentials(String username);

    /** The account's credential for one hash; empty for an unknown account or one without it. */
    Optional<ScramCredential> credential(String username, ScramHash hash);

    /** Replaces all of the account's credentials at once; false if there is no such account. */
    boolean replaceCredentials(String username, Map<ScramHash, ScramCredential> credentials);
}
