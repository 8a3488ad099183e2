package im.parley.modules.adhoc;

import im.parley.xmpp.StanzaError;

/**
 * A command refuses the request with a stanza error rather than a note, as XEP-0133 §5 asks for
 * e.g. conflict (the user already exists) or item-not-found. It ends the command session.
 */
public final class CommandFailure extends Exception {
    private final StanzaError condition;

    public CommandFailure(StanzaError condition, String text) {
        super(text);
        this.condition = condition;
    }

    public StanzaError condition() {
        return condition;
    }
}
