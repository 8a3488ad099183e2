package im.parley.cli;

import im.parley.ParleyServer;
import im.parley.account.AccountException;
import im.parley.account.AccountService;
import im.parley.config.ParleyConfig;
import im.parley.xmpp.Jid;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code parley user ...}: account administration straight on the store. */
@Command(name = "user", description = "Manage accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Delete.class, UserCommand.Passwd.class, UserCommand.List.class})
final class UserCommand {
    private UserCommand() {
    }

    /** One account operation, given the accounts and the configured domain (whose accounts NAME names). */
    @FunctionalInterface
    interface Operation {
        String apply(AccountService accounts, String domain);
    }

    /**
     * Opens the server without its ports, runs one account operation, closes it; account errors
     * become exit code 1.
     */
    static int withAccounts(ConfigOptions options, Operation operation) throws Exception {
        ParleyConfig config = options.load();
        try (ParleyServer server = ParleyServer.open(config)) {
            String message = operation.apply(server.accounts(), config.domain());
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
            return withAccounts(options, (accounts, domain) -> {
                Jid user = AccountService.user(name, domain);
                accounts.create(user, password);
                return "Created " + user;
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
            return withAccounts(options, (accounts, domain) -> {
                Jid user = AccountService.user(name, domain);
                accounts.delete(user);
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
            return withAccounts(options, (accounts, domain) -> {
                Jid user = AccountService.user(name, domain);
                accounts.changePassword(user, password);
                return "Password changed for " + user;
            });
        }
    }

    @Command(name = "list", description = "List accounts.")
    static final class List implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() throws Exception {
            return withAccounts(options, (accounts, domain) -> accounts.list(domain).stream().map(Jid::local)
                    .collect(Collectors.joining(System.lineSeparator())));
        }
    }
}
