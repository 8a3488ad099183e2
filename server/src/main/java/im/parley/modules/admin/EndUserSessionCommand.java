package im.parley.modules.admin;

import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.util.List;

/**
 * XEP-0133 §4.5 End User Session: a bare JID ends all of the user's sessions, a full JID only
 * that one ({@link Administration#endSessions}).
 */
final class EndUserSessionCommand extends FormCommand {
    private final Administration administration;
    private final AccountAddresses addresses;

    EndUserSessionCommand(Admins admins, Administration administration, AccountAddresses addresses) {
        super("end-user-session", "End User Session", admins, "Ending a User Session",
                "Fill out this form to end a user's session.");
        this.administration = administration;
        this.addresses = addresses;
    }

    @Override
    List<Field> fields() {
        return List.of(Field.of("accountjids", "jid-multi", "The Jabber ID(s) for which to end sessions").asRequired());
    }

    @Override
    String perform(String host, DataForm submitted) throws InvalidInput {
        int ended = 0;
        for (Jid jid : addresses.multiple(submitted, "accountjids", host, true)) {
            ended += administration.endSessions(jid);
        }
        return "Ended " + ended + " session(s)";
    }
}
