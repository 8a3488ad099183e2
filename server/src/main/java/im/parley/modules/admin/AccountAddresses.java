package im.parley.modules.admin;

import im.parley.module.Hosts;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.List;

/** Reads the account JIDs an admin typed into a form: they must be addresses of accounts of the admin's host. */
final class AccountAddresses {
    /** The bare JID in a required jid-single field (XEP-0133: user@host, not user@host/resource). */
    Jid single(DataForm form, String var, String host) throws InvalidInput {
        String value = form.value(var);
        if (value == null || value.isBlank()) {
            throw new InvalidInput("The field " + var + " is required");
        }
        return account(value, host, false);
    }

    /** The JIDs in a required jid-multi field; full JIDs only where a single session is meant. */
    List<Jid> multiple(DataForm form, String var, String host, boolean resourceAllowed) throws InvalidInput {
        List<Jid> jids = new ArrayList<>();
        for (String value : form.values(var)) {
            if (!value.isBlank()) {
                jids.add(account(value, host, resourceAllowed));
            }
        }
        if (jids.isEmpty()) {
            throw new InvalidInput("The field " + var + " needs at least one JID");
        }
        return jids;
    }

    private static Jid account(String value, String host, boolean resourceAllowed) throws InvalidInput {
        Jid jid = Jid.parseOrNull(value.strip());
        if (jid == null || !Hosts.isAccountOf(jid, host)) {
            throw new InvalidInput("'" + value + "' is not an account of " + host + ", the host you administer");
        }
        if (!resourceAllowed && !jid.isBare()) {
            throw new InvalidInput("'" + value + "' names a session; give the account's bare JID");
        }
        return jid;
    }
}
