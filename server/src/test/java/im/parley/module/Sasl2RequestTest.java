package im.parley.module;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import org.junit.jupiter.api.Test;

class Sasl2RequestTest {
    @Test
    void readsTheXepsExample() {
        Sasl2Request request = Sasl2Request.parse(authenticate("d4565fa7-4d72-4749-b3d3-740edbf87770"));

        assertThat(request.mechanism()).isEqualTo("SCRAM-SHA-1-PLUS");
        assertThat(request.initialResponse()).isEqualTo("cD10bHMtZXhwb3J0ZXIsLG49dXNlcg==");
        assertThat(request.userAgentId()).isEqualTo("d4565fa7-4d72-4749-b3d3-740edbf87770");
        assertThat(request.software()).isEqualTo("AwesomeXMPP");
        assertThat(request.device()).isEqualTo("Kiva's Phone");
        assertThat(request.inline("bind", Namespaces.BIND2)).isNotNull();
        assertThat(request.inline("resume", "urn:xmpp:sm:3")).isNull();
    }

    @Test
    void aUserAgentIdIsAUuidInItsCanonicalFormOrNone() {
        assertThat(Sasl2Request.parse(authenticate("D4565FA7-4D72-4749-B3D3-740EDBF87770")).userAgentId())
                .isEqualTo("d4565fa7-4d72-4749-b3d3-740edbf87770");
        assertThat(Sasl2Request.parse(authenticate("my phone")).userAgentId()).isNull();
        assertThat(Sasl2Request.parse(authenticate("1-2-3-4-5")).userAgentId()).isNull();
        assertThat(Sasl2Request.parse(authenticate("d4565fa7-4d72-4749-b3d3-740edbf87770" + "x".repeat(100)))
                .userAgentId()).isNull();
    }

    @Test
    void noInitialResponseIsNull() {
        Sasl2Request request = Sasl2Request.parse(Element.builder("authenticate", Namespaces.SASL2)
                .attribute("mechanism", "SCRAM-SHA-256").build());

        assertThat(request.initialResponse()).isNull();
        assertThat(request.userAgentId()).isNull();
    }

    private static Element authenticate(String userAgentId) {
        return Element.builder("authenticate", Namespaces.SASL2).attribute("mechanism", "SCRAM-SHA-1-PLUS")
                .child(Element.builder("initial-response", Namespaces.SASL2).text("cD10bHMtZXhwb3J0ZXIsLG49dXNlcg==").build())
                .child(Element.builder("user-agent", Namespaces.SASL2).attribute("id", userAgentId)
                        .textChild("software", "AwesomeXMPP").textChild("device", "Kiva's Phone").build())
                .child(Element.builder("bind", Namespaces.BIND2).textChild("tag", "AwesomeXMPP").build())
                .build();
    }
}
