package im.parley.modules.caps;

import im.parley.module.Declared;
import java.util.List;

/** Entity capabilities (XEP-0115): the server's caps and a verified cache of clients'. Section {@code caps:}. */
public final class CapsFeature extends Declared<CapsConfig> {
    public CapsFeature() {
        super("caps", CapsConfig::read, (config, services) -> new CapsModule(services.declarations(), config));
    }

    /** Clients learn the server's capabilities and check a hash through disco (XEP-0115 §6). */
    @Override
    public List<String> requires() {
        return List.of("disco");
    }
}
