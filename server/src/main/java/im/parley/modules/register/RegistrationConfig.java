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

    /**
     * {@code enabled: true} alone once opened registration to anyone; now the feature is on by
     * default for password change and account removal, and {@code open} opens it. An old file
     * saying only {@code enabled: true} would silently close what it meant to open, so it stops
     * start-up until it says which it means.
     */
    static RegistrationConfig read(ConfigSection s) {
        if (s.written("enabled").filter("true"::equalsIgnoreCase).isPresent() && s.written("open").isEmpty()) {
            throw s.error("enabled", "no longer opens registration to anyone; say registration.open: true to let"
                    + " anyone create an account, or registration.open: false to keep it closed");
        }
        return new RegistrationConfig(
                s.bool("open", false),
                s.integer("per-ip-per-minute", 5, 0, Integer.MAX_VALUE));
    }
}
