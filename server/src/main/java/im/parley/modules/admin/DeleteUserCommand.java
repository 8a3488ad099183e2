package im.parley.modules.admin;

import im.parley.account.UnknownAccountException;
import im.parley.module.Accounts;
import im.parley.modules.adhoc.CommandFailure;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.StanzaError;
import im.parley.xmpp.StreamError;
import java.util.List;

/**
 * XEP-0133 §4.2 Delete User: removes the accounts with their data (the account service's deletion
 * listeners) and ends their sessions with not-authorized, as in-band account removal does.
 */
final class DeleteUserCommand extends FormCommand {
    private final Accounts accounts;
    private final LocalSessions sessions;
    private final AccountAddresses addresses;

    DeleteUserCommand(Admins admins, Accounts accounts, LocalSessions sessions, AccountAddresses addresses) {
        super("delete-user", "Delete a User", admins, "Deleting a User", "Fill out this form to delete a user.");
        this.accounts = accounts;
        this.sessions = sessions;
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
            if (!accounts.exists(jid)) {
                throw new CommandFailure(StanzaError.ITEM_NOT_FOUND, "There is no account " + jid);
            }
        }
        for (Jid jid : jids) {
            delete(jid);
        }
        return "Deleted " + jids.size() + " account(s)";
    }

    private void delete(Jid jid) {
        try {
            accounts.delete(jid);
        } catch (UnknownAccountException e) {
            return; // deleted meanwhile by someone else: the outcome is the one asked for
        }
        for (Session session : sessions.sessionsOf(jid)) {
            session.close(StreamError.NOT_AUTHORIZED, "Account deleted");
        }
    }
}
