package im.parley.account;

/** An account operation was refused; the subclass says why, the message says it to a person. */
public abstract sealed class AccountException extends RuntimeException
        permits AccountExistsException, UnknownAccountException, InvalidUsernameException {
    AccountException(String message) {
        super(message);
    }
}
