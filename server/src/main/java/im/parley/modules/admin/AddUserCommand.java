package im.parley.modules.admin;

import im.parley.account.AccountExistsException;
import im.parley.modules.adhoc.CommandFailure;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.StanzaError;
import java.util.List;
import java.util.Objects;

/**
 * XEP-0133 §4.1 Add User. The e-mail and name fields are offered as the XEP defines them, but
 * accounts keep no such details, so they are not stored.
 */
final class AddUserCommand extends FormCommand {
    private final Administration administration;
    private final AccountAddresses addresses;

    AddUserCommand(Admins admins, Administration administration, AccountAddresses addresses) {
        super("add-user", "Add a User", admins, "Adding a User", "Fill out this form to add a user.");
        this.administration = administration;
        this.addresses = addresses;
    }

    @Override
    List<Field> fields() {
        return List.of(
                Field.of("accountjid", "jid-single", "The Jabber ID for the account to be added").asRequired(),
                Field.of("password", "text-private", "The password for this account"),
                Field.of("password-verify", "text-private", "Retype password"),
                Field.of("email", "text-single", "Email address"),
                Field.of("given_name", "text-single", "Given name"),
                Field.of("surname", "text-single", "Family name"));
    }

    @Override
    String perform(String host, DataForm submitted) throws InvalidInput, CommandFailure {
        Jid jid = addresses.single(submitted, "accountjid", host);
        String password = submitted.value("password");
        if (password == null || password.isEmpty()) {
            throw new InvalidInput("A password is required");
        }
        String verify = submitted.value("password-verify");
        if (verify != null && !Objects.equals(password, verify)) {
            throw new InvalidInput("The two passwords differ");
        }
        try {
            administration.addUser(jid, password);
        } catch (AccountExistsException e) {
            throw new CommandFailure(StanzaError.CONFLICT, "The account " + jid + " already exists");
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("The password cannot be used: " + e.getMessage());
        }
        return "Added " + jid;
    }
}
