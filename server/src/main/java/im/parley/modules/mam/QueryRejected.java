package im.parley.modules.mam;

import im.parley.xmpp.StanzaError;

/** A query the archive answers with this error (the text says why, for the user and the log). */
final class QueryRejected extends Exception {
    private final StanzaError condition;

    QueryRejected(StanzaError condition, String text) {
        super(text, null, false, false);
        this.condition = condition;
    }

    StanzaError condition() {
        return condition;
    }
}
