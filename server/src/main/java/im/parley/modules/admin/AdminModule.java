package im.parley.modules.admin;

import im.parley.module.Accounts;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.Jid;
import java.util.List;

/**
 * Service Administration (XEP-0133): the admin commands, run through XEP-0050 ad-hoc commands
 * by the accounts listed in the config's {@code admins}, each for the host of its own JID (the
 * accounts, sessions and counts of that host only). Everyone else gets forbidden.
 */
public final class AdminModule implements Module {
    private final AdHocCommands commands;
    private final Accounts accounts;
    private final List<String> adminJids;

    public AdminModule(AdHocCommands commands, Accounts accounts, List<String> admins) {
        this.commands = commands;
        this.accounts = accounts;
        this.adminJids = List.copyOf(admins);
    }

    @Override
    public void start(ModuleContext context) {
        Admins admins = new Admins(adminJids, context.enabledHosts());
        LocalSessions sessions = context.sessions();
        AccountAddresses addresses = new AccountAddresses();
        commands.add(new AddUserCommand(admins, accounts, addresses));
        commands.add(new DeleteUserCommand(admins, accounts, sessions, addresses));
        commands.add(new EndUserSessionCommand(admins, sessions, addresses));
        commands.add(new ChangeUserPasswordCommand(admins, accounts, addresses));
        commands.add(new AnnounceCommand(admins, sessions, context.stanzas()));
        commands.add(new ReportCommand("get-registered-users-num", "Get Number of Registered Users", admins,
                host -> Field.of("registeredusersnum", null, "The number of registered users",
                        Integer.toString(accounts.list(host).size()))));
        commands.add(new ReportCommand("get-online-users-num", "Get Number of Online Users", admins,
                host -> Field.of("onlineusersnum", null, "The number of online users",
                        Integer.toString(onlineUsers(sessions, host).size()))));
        commands.add(new ReportCommand("get-online-users-list", "Get List of Online Users", admins,
                host -> Field.of("onlineuserjids", "jid-multi", "The list of all online users",
                        onlineUsers(sessions, host).toArray(String[]::new))));
    }

    /** XEP-0133 §4.15: an online user is an account (of the host) with at least one connected resource. */
    private static List<String> onlineUsers(LocalSessions sessions, String host) {
        return sessions.all().stream().map(Session::jid).filter(jid -> jid.domain().equals(host)).map(Jid::bare)
                .map(Jid::toString).distinct().sorted().toList();
    }
}
