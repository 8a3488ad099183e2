package im.parley.account;

/**
 * The username cannot be a JID localpart (RFC 7622: PRECIS UsernameCaseMapped, no
 * {@code "&'/:<>@}, at most 1023 bytes); XEP-0077 answers {@code not-acceptable}.
 */
public final class InvalidUsernameException extends AccountException {
    InvalidUsernameException(String username, String reason) {
        super("invalid username '" + username + "': " + reason);
    }
}
