package im.parley.account;

/** The operation needs an account that does not exist. */
public final class UnknownAccountException extends AccountException {
    UnknownAccountException(String username) {
        super("no account '" + username + "'");
    }
}
