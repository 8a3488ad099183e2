package im.parley.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import im.parley.ParleyServer;
import im.parley.config.ConfigException;
import im.parley.config.ParleyConfig;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
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
        ParleyConfig config;
        try {
            config = options.load();
        } catch (ConfigException e) {
            System.err.println("parley: configuration error: " + e.getMessage());
            return 2;
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(config.logLevel().name()));
        ParleyServer server = ParleyServer.start(config);
        running = true;
        // The network threads keep the process alive; a signal ends it through this hook.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "parley-shutdown"));
        return 0;
    }
}
