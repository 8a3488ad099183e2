package im.parley.modules.extdisco;

import im.parley.config.ConfigSection;
import java.time.Duration;
import java.util.List;

/**
 * External service discovery, XEP-0215 ({@code external-services:} section): the STUN and TURN
 * servers that audio and video calls use to find each other and to relay.
 *
 * @param services the servers, as RFC 7064/7065 URIs
 * @param turnSecret the secret shared with the TURN servers (coturn's {@code static-auth-secret}
 *     with {@code use-auth-secret}), from which each user gets credentials that expire; null when
 *     the TURN servers need none
 * @param credentialsLifetime how long such credentials stay valid
 */
public record ExternalServicesConfig(List<ExternalService> services, String turnSecret, Duration credentialsLifetime) {
    public static ExternalServicesConfig read(ConfigSection s) {
        List<ExternalService> services = s.list("services", List.of(),
                "stun:, stuns:, turn: or turns: URIs (RFC 7064, RFC 7065)", ExternalService::parse);
        String secret = s.string("turn-secret", null);
        if (secret != null && secret.isEmpty()) {
            throw s.error("turn-secret", "must not be empty (leave it out when the TURN servers need no credentials)");
        }
        Duration lifetime = Duration.ofSeconds(s.integer("credentials-lifetime-seconds", 86_400, 60, 30 * 86_400));
        return new ExternalServicesConfig(services, secret, lifetime);
    }
}
