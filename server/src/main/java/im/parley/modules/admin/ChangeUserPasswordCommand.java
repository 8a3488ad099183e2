package im.parley.modules.admin;

import im.parley.account.UnknownAccountException;
import im.parley.modules.adhoc.CommandFailure;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.StanzaError;
import java.util.List;

/** XEP-0133 §4.7 Change User Password ({@link Administration#changePassword}). */
final class ChangeUserPasswordCommand extends FormCommand {
    private final Administration administration;
    private final AccountAddresses addresses;

    ChangeUserPasswordCommand(Admins admins, Administration administration, AccountAddresses addresses) {
        super("change-user-password", "Change User Password", admins, "Changing a User Password",
                "Fill out this form to change a user's password.");
        this.administration = administration;
        this.addresses = addresses;
    }

    @Override
    List<Field> fields() {
        return List.of(
                Field.of("accountjid", "jid-single", "The Jabber ID for this account").asRequired(),
                Field.of("password", "text-private", "The password for this account").asRequired());
    }

    @Override
    String perform(String host, DataForm submitted) throws InvalidInput, CommandFailure {
        Jid jid = addresses.single(submitted, "accountjid", host);
        String password = submitted.value("password");
        if (password == null || password.isEmpty()) {
            throw new InvalidInput("A password is required");
        }
        try {
            administration.changePassword(jid, password);
        } catch (UnknownAccountException e) {
            throw new CommandFailure(StanzaError.ITEM_NOT_FOUND, "There is no account " + jid);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("The password cannot be used: " + e.getMessage());
        }
        return "Changed the password of " + jid;
    }
}
