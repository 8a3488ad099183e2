package im.parley.modules.time;

import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;
import java.time.Clock;

/** Entity time (XEP-0202), in the server's own time zone. Section {@code time:}. */
public final class TimeFeature implements Feature<Void> {
    @Override
    public String name() {
        return "time";
    }

    @Override
    public Module create(Void config, ModuleServices services) {
        return new TimeModule(Clock.systemDefaultZone());
    }
}
