package im.parley.account;

/** The username is taken; in-band registration answers {@code conflict} (XEP-0077). */
public final class AccountExistsException extends AccountException {
    AccountExistsException(String username) {
        super("account '" + username + "' already exists");
    }
}
