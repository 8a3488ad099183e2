package im.parley.cli;

import im.parley.ParleyServer;
import im.parley.account.AccountException;
import im.parley.account.AccountService;
import im.parley.config.ParleyConfig;
import im.parley.modules.admin.Administration;
import im.parley.xmpp.Jid;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code parley user ...}: account administration straight on the store, with the operations of {@link Administration}. */
@Command(name = "user", description = "Manage accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Delete.class, UserCommand.Passwd.class, UserCommand.List.class})
final class UserCommand {
    private UserCommand() {
    }

    /** One account operation, given the administrator's operations and the configuration (whose hosts NAME may name). */
    @FunctionalInterface
    interface Operation {
        String apply(Administration administration, ParleyConfig config);
    }

    /**
     * Opens the server without its ports, runs one account operation, closes it; account errors
     * become exit code 1.
     */
    static int withAccounts(ConfigOptions options, Operation operation) throws Exception {
        ParleyConfig config = options.load();
        try (ParleyServer server = ParleyServer.open(config)) {
            // No session is bound here: the server opened no port.
            String message = operation.apply(new Administration(server.hostedAccounts(), server.sessions(), null), config);
            if (!message.isEmpty()) {
                System.out.println(message);
            }
            return 0;
        } catch (AccountException | IllegalArgumentException e) {
            System.err.println("parley: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "add", description = "Create an account.")
    static final class Add implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "PASSWORD")
        String password;

        @Override
        public Integer call() throws Exception {
            return withAccounts(options, (administration, config) -> {
                Jid user = account(name, config);
                return "Created " + administration.addUser(user, password);
            });
        }
    }

    @Command(name = "delete", description = "Delete an account and its data.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            return withAccounts(options, (administration, config) -> {
                Jid user = account(name, config);
                administration.deleteUser(user);
                return "Deleted " + user;
            });
        }
    }

    @Command(name = "passwd", description = "Set an account's password.")
    static final class Passwd implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "PASSWORD")
        String password;

        @Override
        public Integer call() throws Exception {
            return withAccounts(options, (administration, config) -> {
                Jid user = account(name, config);
                administration.changePassword(user, password);
                return "Password changed for " + user;
            });
        }
    }

    @Command(name = "list", description = "List the accounts of a host.")
    static final class List implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", arity = "0..1", paramLabel = "HOST",
                description = "A hosted domain (default: the first host)")
        String host;

        @Override
        public Integer call() throws Exception {
            return withAccounts(options, (administration, config) -> administration.users(host == null ? config.domain()
                    : hosted(host, config)).stream().map(Jid::local)
                    .collect(Collectors.joining(System.lineSeparator())));
        }
    }

    /**
     * The account NAME names: {@code user} on the first host, or {@code user@host} on any hosted
     * domain (a local part never contains '@', RFC 7622 §3.3.1), so every virtual host's accounts
     * can be managed from the command line.
     */
    static Jid account(String name, ParleyConfig config) {
        int at = name.indexOf('@');
        return at < 0
                ? AccountService.user(name, config.domain())
                : AccountService.user(name.substring(0, at), hosted(name.substring(at + 1), config));
    }

    /** A domain this server hosts, in its canonical form; IllegalArgumentException (exit code 1) otherwise. */
    static String hosted(String domain, ParleyConfig config) {
        String canonical = Jid.parse(domain).domain();
        if (!config.hosts().contains(canonical)) {
            throw new IllegalArgumentException(domain + " is not a hosted domain (hosts: " + config.hosts() + ")");
        }
        return canonical;
    }
}
