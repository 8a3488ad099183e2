package im.parley.modules.admin;

/** Submitted values the command cannot use; the admin sees the form again with this message. */
final class InvalidInput extends Exception {
    InvalidInput(String message) {
        super(message);
    }
}
