package im.parley.modules.privacy;

import im.parley.config.ConfigSection;

/**
 * The {@code privacy:} section. {@code refuse-strangers-default} is the "refuse messages from
 * people not in my roster" setting of every user who has not chosen one (default false).
 */
public record PrivacyConfig(boolean refuseStrangersDefault) {

    public static PrivacyConfig read(ConfigSection s) {
        return new PrivacyConfig(s.bool("refuse-strangers-default", false));
    }
}
