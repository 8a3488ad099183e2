package im.parley.modules.disco;

import im.parley.module.Declared;
import im.parley.module.PresenceAuthorization;

/**
 * Service discovery (XEP-0030), generated from what the other modules declare; an account is
 * described to those the roster says may see its presence (§8). Section {@code disco:}.
 */
public final class DiscoFeature extends Declared<Void> {
    public DiscoFeature() {
        super("disco", services -> new DiscoModule(services.declarations(), services.softwareName(),
                services.find(PresenceAuthorization.class).orElse(PresenceAuthorization.OWN_ACCOUNT_ONLY)));
    }
}
