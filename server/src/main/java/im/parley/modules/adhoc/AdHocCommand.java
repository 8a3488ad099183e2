package im.parley.modules.adhoc;

import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;

/**
 * One ad-hoc command (XEP-0050) the server offers, e.g. XEP-0133's "add a user". Commands are
 * registered with {@link AdHocCommands}; the framework handles the protocol (disco items,
 * execute/next/prev/complete/cancel actions, session ids) and calls the command with forms.
 */
public interface AdHocCommand {
    /** The command's node, e.g. {@code http://jabber.org/protocol/admin#add-user}. */
    String node();

    /** The human-readable name listed in disco#items. */
    String name();

    /** Whether this requester may see and run the command (e.g. only configured admins). */
    boolean allowed(Jid requester);

    /**
     * Runs one stage. {@code submitted} is null on the first call (return the form to fill in),
     * then the form the requester submitted; {@code stage} counts calls, from 0, in this session
     * (going back with "prev" lowers it again). Throw {@link CommandFailure} to answer with a
     * stanza error (e.g. XEP-0133's conflict for an existing user); any other exception is
     * answered with internal-server-error. Either ends the session.
     */
    Step execute(Jid requester, DataForm submitted, int stage) throws Exception;

    /** What a stage returns. */
    sealed interface Step {
        /**
         * Ask for (more) input: the session stays open and the requester may go on. {@code last}
         * says whether submitting this form finishes the command, which decides the actions
         * offered (XEP-0050 §3.4: "complete" for the last form, "next" before it).
         */
        record Form(DataForm form, boolean last) implements Step {
            /** The form of a single-stage command (or the last stage of a longer one). */
            public Form(DataForm form) {
                this(form, true);
            }
        }

        /** The command finished; an optional result form and a note for the requester. */
        record Completed(DataForm result, String note) implements Step {
        }

        /** The input was refused; the session stays at this stage and the note says why. */
        record Invalid(String note) implements Step {
        }
    }
}
