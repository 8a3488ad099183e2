package im.parley.modules.admin;

import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the account JIDs an admin typed into a form: they must be addresses of this server's accounts. */
final class AccountAddresses {
    private final Set<String> hosts;

    AccountAddresses(Set<String> hosts) {
        this.hosts = hosts;
    }

    /** The bare JID in a required jid-single field (XEP-0133: user@host, not user@host/resource). */
    Jid single(DataForm form, String var) throws InvalidInput {
        String value = form.value(var);
        if (value == null || value.isBlank()) {
            throw new InvalidInput("The field " + var + " is required");
        }
        return account(value, false);
    }

    /** The JIDs in a required jid-multi field; full JIDs only where a single session is meant. */
    List<Jid> multiple(DataForm form, String var, boolean resourceAllowed) throws InvalidInput {
        List<Jid> jids = new ArrayList<>();
        for (String value : form.values(var)) {
            if (!value.isBlank()) {
                jids.add(account(value, resourceAllowed));
            }
        }
        if (jids.isEmpty()) {
            throw new InvalidInput("The field " + var + " needs at least one JID");
        }
        return jids;
    }

    private Jid account(String value, boolean resourceAllowed) throws InvalidInput {
        Jid jid = Jid.parseOrNull(value.strip());
        if (jid == null || jid.local() == null || !hosts.contains(jid.domain())) {
            throw new InvalidInput("'" + value + "' is not an account of this server");
        }
        if (!resourceAllowed && !jid.isBare()) {
            throw new InvalidInput("'" + value + "' names a session; give the account's bare JID");
        }
        return jid;
    }
}
