package im.parley.cli;

import im.parley.ParleyServer;
import im.parley.account.AccountException;
import im.parley.account.AccountService;
import im.parley.config.ParleyConfig;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code parley user ...}: account administration straight on the store. */
@Command(name = "user", description = "Manage accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Delete.class, UserCommand.Passwd.class, UserCommand.List.class})
final class UserCommand {
    private UserCommand() {
    }

    /**
     * Opens the server without its ports, runs one account operation, closes it; account errors
     * become exit code 1.
     */
    static int withAccounts(ConfigOptions options, Function<AccountService, String> operation) throws Exception {
        ParleyConfig config = options.load();
        try (ParleyServer server = ParleyServer.open(config)) {
            String message = operation.apply(server.accounts());
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
            return withAccounts(options, accounts -> "Created " + accounts.create(name, password));
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
            return withAccounts(options, accounts -> {
                accounts.delete(name);
                return "Deleted " + AccountService.normalize(name);
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
            return withAccounts(options, accounts -> {
                accounts.changePassword(name, password);
                return "Password changed for " + AccountService.normalize(name);
            });
        }
    }

    @Command(name = "list", description = "List accounts.")
    static final class List implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() throws Exception {
            return withAccounts(options, accounts -> String.join(System.lineSeparator(), accounts.list()));
        }
    }
}
