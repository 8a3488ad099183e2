package im.parley.cli;

import im.parley.ParleyServer;
import im.parley.config.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code parley start}: runs the server until it is interrupted (Ctrl-C, SIGTERM). */
@Command(name = "start", description = "Start the server (the default command).")
final class StartCommand implements Callable<Integer> {
    private static volatile boolean running;

    @Mixin
    ConfigOptions options;

    static boolean isRunning() {
        return running;
    }

    @Override
    public Integer call() throws Exception {
        ParleyServer server;
        try {
            server = ParleyServer.start(options.load());
        } catch (ConfigException e) {
            System.err.println("parley: configuration error: " + e.getMessage());
            return 2;
        }
        running = true;
        // The network threads keep the process alive; a signal ends it through this hook.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "parley-shutdown"));
        return 0;
    }
}
