package im.parley.modules.admin;

import im.parley.account.UnknownAccountException;
import im.parley.modules.adhoc.CommandFailure;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.StanzaError;
import java.util.List;

/** XEP-0133 §4.2 Delete User: {@link Administration#deleteUser} for each account named. */
final class DeleteUserCommand extends FormCommand {
    private final Administration administration;
    private final AccountAddresses addresses;

    DeleteUserCommand(Admins admins, Administration administration, AccountAddresses addresses) {
        super("delete-user", "Delete a User", admins, "Deleting a User", "Fill out this form to delete a user.");
        this.administration = administration;
        this.addresses = addresses;
    }

    @Override
    List<Field> fields() {
        return List.of(Field.of("accountjids", "jid-multi", "The Jabber ID(s) to delete").asRequired());
    }

    /** Checks every account first so that a typo deletes nothing. */
    @Override
    String perform(String host, DataForm submitted) throws InvalidInput, CommandFailure {
        List<Jid> jids = addresses.multiple(submitted, "accountjids", host, false);
        for (Jid jid : jids) {
            if (!administration.exists(jid)) {
                throw new CommandFailure(StanzaError.ITEM_NOT_FOUND, "There is no account " + jid);
            }
        }
        for (Jid jid : jids) {
            try {
                administration.deleteUser(jid);
            } catch (UnknownAccountException e) {
                // deleted meanwhile by someone else: the outcome is the one asked for
            }
        }
        return "Deleted " + jids.size() + " account(s)";
    }
}
