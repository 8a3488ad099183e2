package im.parley.modules.register;

import im.parley.config.ConfigSection;

/**
 * In-band registration, XEP-0077 ({@code registration:} section). With the feature enabled,
 * logged-in users may change their password and remove their account; {@code open} also lets
 * anyone create an account before logging in.
 */
public record RegistrationConfig(boolean open, int perIpPerMinute) {

    /** {@code per-ip-per-minute: 0} lifts the rate limit. */
    public boolean rateLimited() {
        return perIpPerMinute > 0;
    }

    static RegistrationConfig read(ConfigSection s) {
        return new RegistrationConfig(
                s.bool("open", false),
                s.integer("per-ip-per-minute", 5, 0, Integer.MAX_VALUE));
    }
}
