package im.parley.modules.muc;

import im.parley.module.Declared;

/** Multi-User Chat (XEP-0045) at {@code conference.<host>}. Section {@code muc:}. */
public final class MucFeature extends Declared<MucConfig> {
    public MucFeature() {
        super("muc", MucConfig::read, (config, services) -> new MucModule(config, services.clock()));
    }
}
