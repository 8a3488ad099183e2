package im.parley.modules.adhoc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** The server's ad-hoc commands by node: modules add theirs, the ad-hoc module serves them. */
public final class AdHocCommands {
    private final Map<String, AdHocCommand> byNode = new ConcurrentSkipListMap<>();

    public void add(AdHocCommand command) {
        if (byNode.putIfAbsent(command.node(), command) != null) {
            throw new IllegalStateException("two ad-hoc commands for node " + command.node());
        }
    }

    public AdHocCommand get(String node) {
        return byNode.get(node);
    }

    /** Every command, in node order. */
    public List<AdHocCommand> all() {
        return List.copyOf(byNode.values());
    }
}
