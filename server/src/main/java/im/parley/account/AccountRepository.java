package im.parley.account;

import im.parley.auth.ScramCredential;
import im.parley.auth.ScramHash;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage of accounts and their SCRAM credentials. An account is a bare JID: its host (one of the
 * server's domains) and its username, the local part, both already normalized (see
 * {@link AccountService}). Calls may block.
 */
public interface AccountRepository {

    /** Creates an account with its credentials (one per hash); false if the username is taken on its host. */
    boolean create(Jid user, Map<ScramHash, ScramCredential> credentials);

    /** Deletes an account and its credentials; false if there was no such account. */
    boolean delete(Jid user);

    boolean exists(Jid user);

    /** The accounts of one host, in ascending order of username. */
    List<Jid> list(String host);

    /**
     * The accounts of one host whose username contains {@code text} (compared in lower case, as
     * usernames are stored), in ascending order of username: {@code limit} of them from {@code offset}.
     */
    List<Jid> find(String host, String text, int offset, int limit);

    /** How many accounts of one host have a username that contains {@code text} (as {@link #find} compares). */
    int count(String host, String text);

    /** The account's credentials by hash; empty for an unknown account. */
    Map<ScramHash, ScramCredential> credentials(Jid user);

    /** The account's credential for one hash; empty for an unknown account or one without it. */
    Optional<ScramCredential> credential(Jid user, ScramHash hash);

    /** Replaces all of the account's credentials at once; false if there is no such account. */
    boolean replaceCredentials(Jid user, Map<ScramHash, ScramCredential> credentials);
}
