package im.parley.modules.csi;

import im.parley.module.Declared;

/** Client state indication (XEP-0352). Section {@code csi:}. */
public final class CsiFeature extends Declared<CsiConfig> {
    public CsiFeature() {
        super("csi", CsiConfig::read, (settings, services) -> new CsiModule(settings));
    }
}
