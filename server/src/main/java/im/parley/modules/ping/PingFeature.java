package im.parley.modules.ping;

import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;

/** XMPP Ping (XEP-0199). Section {@code ping:}. */
public final class PingFeature implements Feature<Void> {
    @Override
    public String name() {
        return "ping";
    }

    @Override
    public Module create(Void config, ModuleServices services) {
        return new PingModule();
    }
}
