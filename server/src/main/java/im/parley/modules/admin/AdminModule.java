package im.parley.modules.admin;

import im.parley.http.HttpService;
import im.parley.module.Accounts;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.modules.muc.ChatRooms;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.Jid;
import java.time.Clock;
import java.util.List;

/**
 * Service Administration (XEP-0133): the admin commands, run through XEP-0050 ad-hoc commands
 * by the accounts listed in the config's {@code admins}, each for the host of its own JID (the
 * accounts, sessions and counts of that host only). Everyone else gets forbidden. The commands
 * run the operations of {@link Administration}, which the command line runs too, and so does the
 * web admin page at {@code /admin/} ({@link AdminWeb}) the module adds to the HTTP listener.
 */
public final class AdminModule implements Module {
    private final AdHocCommands commands;
    private final Accounts accounts;
    private final ChatRooms rooms;
    private final List<String> adminJids;
    private final HttpService http;
    private final Clock clock;
    private final String version;

    /** @param rooms the chat rooms, or null when that feature is off */
    public AdminModule(AdHocCommands commands, Accounts accounts, ChatRooms rooms, List<String> admins,
            HttpService http, Clock clock, String version) {
        this.commands = commands;
        this.accounts = accounts;
        this.rooms = rooms;
        this.adminJids = List.copyOf(admins);
        this.http = http;
        this.clock = clock;
        this.version = version;
    }

    @Override
    public void start(ModuleContext context) {
        Admins admins = new Admins(adminJids, context.enabledHosts());
        Administration administration = new Administration(accounts, context.sessions(), rooms);
        AccountAddresses addresses = new AccountAddresses();
        commands.add(new AddUserCommand(admins, administration, addresses));
        commands.add(new DeleteUserCommand(admins, administration, addresses));
        commands.add(new EndUserSessionCommand(admins, administration, addresses));
        commands.add(new ChangeUserPasswordCommand(admins, administration, addresses));
        commands.add(new AnnounceCommand(admins, context.sessions(), context.stanzas()));
        commands.add(new ReportCommand("get-registered-users-num", "Get Number of Registered Users", admins,
                host -> Field.of("registeredusersnum", null, "The number of registered users",
                        Integer.toString(administration.userCount(host)))));
        commands.add(new ReportCommand("get-online-users-num", "Get Number of Online Users", admins,
                host -> Field.of("onlineusersnum", null, "The number of online users",
                        Integer.toString(administration.onlineUsers(host).size()))));
        commands.add(new ReportCommand("get-online-users-list", "Get List of Online Users", admins,
                host -> Field.of("onlineuserjids", "jid-multi", "The list of all online users",
                        administration.onlineUsers(host).stream().map(Jid::toString).toArray(String[]::new))));
        WebLogins logins = new WebLogins(clock);
        // A login ends with the password it was made with.
        accounts.onPasswordChange(logins::forget);
        accounts.onDeletion(logins::forget);
        new AdminWeb(admins, administration, accounts, logins, version).addTo(http.routes());
    }
}
