package im.parley.config;

/** In-band registration, XEP-0077 ({@code registration:} section). */
public record RegistrationConfig(boolean enabled, int perIpPerMinute) {

    /** {@code per-ip-per-minute: 0} lifts the rate limit. */
    public boolean rateLimited() {
        return perIpPerMinute > 0;
    }

    static RegistrationConfig read(ConfigSection s) {
        return new RegistrationConfig(
                s.bool("enabled", false),
                s.integer("per-ip-per-minute", 5, 0, Integer.MAX_VALUE));
    }
}
