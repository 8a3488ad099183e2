package im.parley.modules.version;

import im.parley.module.Declared;

/** Software version (XEP-0092). Section {@code version:}. */
public final class VersionFeature extends Declared<Void> {
    public VersionFeature() {
        super("version", services -> new VersionModule(services.softwareName(), services.softwareVersion()));
    }
}
