package im.parley.modules.time;

import im.parley.module.Declared;
import java.time.Clock;

/** Entity time (XEP-0202), in the server's own time zone. Section {@code time:}. */
public final class TimeFeature extends Declared<Void> {
    public TimeFeature() {
        super("time", services -> new TimeModule(Clock.systemDefaultZone()));
    }
}
