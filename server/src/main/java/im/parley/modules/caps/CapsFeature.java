package im.parley.modules.caps;

import im.parley.module.Declared;
import im.parley.module.PresenceAuthorization;
import java.util.List;
import java.util.Set;

/**
 * Entity capabilities (XEP-0115): the server's caps and a verified cache of clients', provided to
 * later features as {@link ClientCapabilities}. Section {@code caps:}.
 */
public final class CapsFeature extends Declared<CapsConfig> {
    public CapsFeature() {
        super("caps", CapsConfig::read, (settings, services) -> {
            CapsModule module = new CapsModule(services.declarations(), settings.server(),
                    services.find(PresenceAuthorization.class).orElse(PresenceAuthorization.OWN_ACCOUNT_ONLY));
            services.provide(ClientCapabilities.class, module);
            return module;
        });
    }

    /** One cache of verified client capabilities serves every host. */
    @Override
    public Set<String> serverWideOptions() {
        return Set.of("cache-size", "query-timeout-seconds");
    }

    /** Clients learn the server's capabilities and check a hash through disco (XEP-0115 §6). */
    @Override
    public List<String> requires() {
        return List.of("disco");
    }
}
