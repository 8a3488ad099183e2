package im.parley.modules.lastactivity;

import im.parley.module.Declared;
import im.parley.module.PresenceAuthorization;

/** Last activity (XEP-0012), told to those the roster says may see presence. Section {@code last-activity:}. */
public final class LastActivityFeature extends Declared<Void> {
    public LastActivityFeature() {
        super("last-activity", services -> new LastActivityModule(services.keyValueStore("last_logout"),
                services.find(PresenceAuthorization.class).orElse(PresenceAuthorization.OWN_ACCOUNT_ONLY),
                services.clock()));
    }
}
