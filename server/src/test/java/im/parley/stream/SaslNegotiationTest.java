package im.parley.stream;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.auth.SaslMechanisms;
import im.parley.auth.TlsInfo;
import im.parley.module.Sasl2Request;
import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The channel-binding downgrade rule across the attempts of one stream (README, "Channel binding and the 'y' flag"). */
class SaslNegotiationTest {
    /** A TLS connection that offers tls-server-end-point only, as Parley does with OpenSSL. */
    private static final TlsInfo TLS = new TlsInfo() {
        @Override
        public boolean secure() {
            return true;
        }

        @Override
        public List<String> channelBindingTypes() {
            return List.of(TLS_SERVER_END_POINT);
        }

        @Override
        public byte[] channelBindingData(String type) {
            return "certificate hash".getBytes(StandardCharsets.UTF_8);
        }
    };

    private final SaslNegotiation sasl = new SaslNegotiation(new SaslMechanisms(username -> Map.of(), "localhost"));

    @Test
    void yWithoutATryAtPlusIsADowngrade() {
        // What a client sees when someone strips the -PLUS mechanisms from the list.
        assertThat(sasl.handle(auth("SCRAM-SHA-256", "y,,n=juliet,r=abc"), TLS)).isEqualTo(SaslNegotiation.Outcome.FAILURE);
        assertThat(sasl.lastReply().child("not-authorized", Namespaces.SASL)).isNotNull();
        assertThat(sasl.lastReply().childText("text")).isEqualTo("channel binding downgrade detected");
    }

    @Test
    void yAfterPlusWithATypeNotOfferedStartsTheExchange() {
        // slixmpp 1.8 with its defaults: tls-unique is refused, then plain SCRAM with "y".
        assertThat(sasl.handle(auth("SCRAM-SHA-256-PLUS", "p=tls-unique,,n=juliet,r=abc"), TLS))
                .isEqualTo(SaslNegotiation.Outcome.FAILURE);
        assertThat(sasl.lastReply().childText("text")).isEqualTo("unsupported channel-binding type");

        assertThat(sasl.handle(auth("SCRAM-SHA-256", "y,,n=juliet,r=abc"), TLS)).isEqualTo(SaslNegotiation.Outcome.CONTINUE);
        assertThat(sasl.lastReply().name()).isEqualTo("challenge");
    }

    @Test
    void yAfterPlusWithAnOfferedTypeIsADowngrade() {
        sasl.handle(auth("SCRAM-SHA-256-PLUS", "p=tls-server-end-point,,n=juliet,r=abc"), TLS);
        sasl.handle(Element.of("abort", Namespaces.SASL), TLS);

        assertThat(sasl.handle(auth("SCRAM-SHA-256", "y,,n=juliet,r=abc"), TLS)).isEqualTo(SaslNegotiation.Outcome.FAILURE);
        assertThat(sasl.lastReply().childText("text")).isEqualTo("channel binding downgrade detected");
    }

    @Test
    void sasl2WithoutAnInitialResponseGetsAnEmptyChallengeInItsOwnNamespace() {
        Element authenticate = Element.builder("authenticate", Namespaces.SASL2).attribute("mechanism", "SCRAM-SHA-256")
                .build();

        assertThat(sasl.authenticate(Sasl2Request.parse(authenticate), TLS, null))
                .isEqualTo(SaslNegotiation.Outcome.CONTINUE);
        assertThat(sasl.lastReply().is("challenge", Namespaces.SASL2)).isTrue();
        assertThat(sasl.lastReply().text()).isEmpty();
    }

    @Test
    void aSasl2FailureNamesTheRfc6120ConditionInItsNamespace() {
        Element authenticate = Element.builder("authenticate", Namespaces.SASL2).attribute("mechanism", "SCRAM-SHA-256")
                .child(Element.builder("initial-response", Namespaces.SASL2).text("not base64!").build()).build();

        assertThat(sasl.authenticate(Sasl2Request.parse(authenticate), TLS, null))
                .isEqualTo(SaslNegotiation.Outcome.FAILURE);
        assertThat(sasl.lastReply().is("failure", Namespaces.SASL2)).isTrue();
        assertThat(sasl.lastReply().child("incorrect-encoding", Namespaces.SASL)).isNotNull();
    }

    @Test
    void aResponseOfTheOtherProfileIsMalformed() {
        sasl.handle(auth("SCRAM-SHA-256", "n,,n=juliet,r=abc"), TLS);

        assertThat(sasl.handle(Element.of("response", Namespaces.SASL2), TLS)).isEqualTo(SaslNegotiation.Outcome.FAILURE);
        assertThat(sasl.lastReply().child("malformed-request", Namespaces.SASL)).isNotNull();
    }

    private static Element auth(String mechanism, String clientFirst) {
        return Element.builder("auth", Namespaces.SASL).attribute("mechanism", mechanism)
                .text(Base64.getEncoder().encodeToString(clientFirst.getBytes(StandardCharsets.UTF_8))).build();
    }
}
