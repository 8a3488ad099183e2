package im.parley.modules.caps;

import im.parley.module.Declared;

/** Entity capabilities (XEP-0115): the server's caps and a verified cache of clients'. Section {@code caps:}. */
public final class CapsFeature extends Declared<CapsConfig> {
    public CapsFeature() {
        super("caps", CapsConfig::read, (config, services) -> new CapsModule(services.declarations(), config));
    }
}
