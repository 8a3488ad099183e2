package im.parley.modules.extdisco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The RFC 7064/7065 URIs of the configuration. */
class ExternalServiceTest {
    @Test
    void theSchemesDefaultPortAndTransport() {
        assertThat(ExternalService.parse("stun:stun.example.org")).isEqualTo(new ExternalService("stun", "stun.example.org", 3478, "udp"));
        assertThat(ExternalService.parse("stuns:stun.example.org")).isEqualTo(new ExternalService("stuns", "stun.example.org", 5349, "tcp"));
        assertThat(ExternalService.parse("turn:turn.example.org")).isEqualTo(new ExternalService("turn", "turn.example.org", 3478, "udp"));
        assertThat(ExternalService.parse("TURNS:turn.example.org")).isEqualTo(new ExternalService("turns", "turn.example.org", 5349, "tcp"));
    }

    @Test
    void aPortATransportAndAnIpv6Address() {
        assertThat(ExternalService.parse("turn:192.0.2.1:3479?transport=tcp")).isEqualTo(new ExternalService("turn", "192.0.2.1", 3479, "tcp"));
        assertThat(ExternalService.parse("turn:[2001:db8::1]:80?transport=udp")).isEqualTo(new ExternalService("turn", "2001:db8::1", 80, "udp"));
    }

    @Test
    void whatTheRfcsDoNotAllowIsRefused() {
        assertThatThrownBy(() -> ExternalService.parse("http://turn.example.org")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> ExternalService.parse("turn.example.org")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> ExternalService.parse("turns:turn.example.org?transport=udp")).hasMessageContaining("TCP");
        assertThatThrownBy(() -> ExternalService.parse("stun:stun.example.org?transport=tcp")).hasMessageContaining("no query");
        assertThatThrownBy(() -> ExternalService.parse("turn:turn.example.org?transport=sctp")).hasMessageContaining("transport=");
        assertThatThrownBy(() -> ExternalService.parse("turn:user@turn.example.org")).hasMessageContaining("host");
        assertThatThrownBy(() -> ExternalService.parse("turn:turn.example.org/path")).hasMessageContaining("host");
    }

    @Test
    void theTurnRestPasswordIsTheBase64HmacSha1OfTheUserName() {
        // echo -n "1700000000:alice@localhost" | openssl dgst -sha1 -hmac s3cret -binary | base64
        assertThat(ExternalServicesModule.turnPassword("s3cret", "1700000000:alice@localhost"))
                .isEqualTo("JmOvEuFTDA6w6K9QXNFPR8Za6bU=");
    }
}
