package im.parley.modules.admin;

import im.parley.modules.adhoc.CommandFailure;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.Jid;
import java.util.List;

/** A XEP-0133 command that shows one form and acts on what the admin submits. */
abstract class FormCommand extends AdminCommand {
    private final String title;
    private final String instructions;

    FormCommand(String useCase, String name, Admins admins, String title, String instructions) {
        super(useCase, name, admins);
        this.title = title;
        this.instructions = instructions;
    }

    @Override
    public final Step execute(Jid requester, DataForm submitted, int stage) throws CommandFailure {
        if (submitted == null) {
            return new Step.Form(form(DataForm.Type.FORM, title, fields()).withInstructions(instructions));
        }
        if (submitted.formType() != null && !FORM_TYPE.equals(submitted.formType())) {
            return new Step.Invalid("The form's FORM_TYPE must be " + FORM_TYPE);
        }
        try {
            return new Step.Completed(null, perform(requester.domain(), submitted));
        } catch (InvalidInput e) {
            return new Step.Invalid(e.getMessage());
        }
    }

    /** The fields to fill in, as XEP-0133 defines them (FORM_TYPE is added). */
    abstract List<Field> fields();

    /**
     * Does the work on {@code host}, the admin's own (an admin administers the host of its JID
     * only), and returns a note saying what was done.
     */
    abstract String perform(String host, DataForm submitted) throws InvalidInput, CommandFailure;
}
