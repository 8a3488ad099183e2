package im.parley.modules.extdisco;

import im.parley.module.Declared;

/** External service discovery (XEP-0215): STUN and TURN servers. Section {@code external-services:}. */
public final class ExternalServicesFeature extends Declared<ExternalServicesConfig> {
    public ExternalServicesFeature() {
        super("external-services", ExternalServicesConfig::read,
                (settings, services) -> new ExternalServicesModule(settings, services.clock()));
    }
}
