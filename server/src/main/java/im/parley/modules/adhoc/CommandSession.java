package im.parley.modules.adhoc;

import im.parley.xmpp.Jid;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One execution of a command by one requester (XEP-0050 §3.3): the forms shown so far, newest
 * first, so that "prev" can show the previous one again and the stage number is their count.
 */
final class CommandSession {
    private final String id;
    private final Jid requester;
    private final AdHocCommand command;
    private final Deque<AdHocCommand.Step.Form> shown = new ArrayDeque<>();

    CommandSession(String id, Jid requester, AdHocCommand command) {
        this.id = id;
        this.requester = requester;
        this.command = command;
    }

    String id() {
        return id;
    }

    Jid requester() {
        return requester;
    }

    AdHocCommand command() {
        return command;
    }

    /** The number of the next call to the command: how many forms it has shown and not been taken back from. */
    int stage() {
        return shown.size();
    }

    void show(AdHocCommand.Step.Form form) {
        shown.push(form);
    }

    /** The form the requester is filling in, or null before the first one. */
    AdHocCommand.Step.Form current() {
        return shown.peek();
    }

    /** Whether there is a stage to go back to ("prev" is allowed). */
    boolean hasPrevious() {
        return shown.size() > 1;
    }

    /** Goes back one stage and returns the form to show again. */
    AdHocCommand.Step.Form back() {
        shown.pop();
        return shown.peek();
    }
}
