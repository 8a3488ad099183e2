package im.parley.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code parley}: start the server (the default), manage accounts, or export the message archive. */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Parley, an XMPP instant messaging and presence server.",
        subcommands = {StartCommand.class, UserCommand.class, ArchiveCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        // A bare `parley` (or `parley --config x`) means `parley start`.
        if (args.length == 0 || args[0].startsWith("--") && !args[0].equals("--help") && !args[0].equals("--version")) {
            String[] withStart = new String[args.length + 1];
            withStart[0] = "start";
            System.arraycopy(args, 0, withStart, 1, args.length);
            args = withStart;
        }
        int code = cli.execute(args);
        if (code != 0 || !StartCommand.isRunning()) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
