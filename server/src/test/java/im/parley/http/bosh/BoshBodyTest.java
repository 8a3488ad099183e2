package im.parley.http.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.config.BoshConfig;
import im.parley.xml.Element;
import im.parley.xml.XmlLimits;
import im.parley.xmpp.Namespaces;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoshBodyTest {
    private static final XmlLimits LIMITS = new XmlLimits(10_000, 16, 32);

    private static BoshBody.Request parse(String xml) throws BoshException {
        return BoshBody.parse(ByteBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8)), LIMITS);
    }

    @Test
    void stanzasInJabberClientOrLeftInTheWrapperNamespaceComeOutNeutral() throws Exception {
        BoshBody.Request request = parse("<body xmlns='" + BoshBody.NAMESPACE + "' xmlns:xmpp='urn:xmpp:xbosh' rid='7' "
                + "sid='s' xmpp:restart='true'><message xmlns='jabber:client' to='a@b'><body>one</body></message>"
                + "<message to='a@b'><body>two</body><forwarded xmlns='urn:xmpp:forward:0'>"
                + "<message xmlns='jabber:client'/></forwarded></message>"
                + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AA==</auth></body>");
        assertThat(request.rid()).isEqualTo(7);
        assertThat(request.sid()).isEqualTo("s");
        assertThat(request.restart()).isTrue();
        assertThat(request.payloads()).hasSize(3);
        Element first = request.payloads().get(0);
        Element second = request.payloads().get(1);
        assertThat(first.namespace()).isEqualTo(Namespaces.STANZA);
        assertThat(first.firstElement().namespace()).as("<body> under the stanza").isEqualTo(Namespaces.STANZA);
        assertThat(second.namespace()).as("an older client's stanza in the wrapper's namespace").isEqualTo(Namespaces.STANZA);
        assertThat(second.elements().get(1).firstElement().namespace()).as("a forwarded payload keeps its namespace")
                .isEqualTo(Namespaces.CLIENT);
        assertThat(request.payloads().get(2).namespace()).isEqualTo(Namespaces.SASL);
    }

    @Test
    void anythingButOneCompleteBodyIsABadRequest() {
        for (String bad : new String[] {"", "<body xmlns='" + BoshBody.NAMESPACE + "' rid='1'>",
                "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'/>",
                "<body xmlns='" + BoshBody.NAMESPACE + "' rid='1'>text</body>",
                "<!DOCTYPE body><body xmlns='" + BoshBody.NAMESPACE + "' rid='1'/>"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOfSatisfying(BoshException.class,
                    e -> assertThat(e.condition()).isEqualTo(Condition.BAD_REQUEST));
        }
        assertThatThrownBy(() -> parse("<body xmlns='" + BoshBody.NAMESPACE + "' rid='-3'/>").rid())
                .isInstanceOf(BoshException.class);
        assertThatThrownBy(() -> parse("<body xmlns='" + BoshBody.NAMESPACE + "' rid='9007199254740992'/>").rid())
                .as("beyond 2^53 - 1").isInstanceOf(BoshException.class);
    }

    @Test
    void theTermsTakeTheLowerOfWhatTheClientAsksAndTheServerAllows() throws Exception {
        BoshConfig config = new BoshConfig("/http-bind", Duration.ofSeconds(60), Duration.ofSeconds(30));
        Terms terms = Terms.of(parse("<body xmlns='" + BoshBody.NAMESPACE + "' rid='1' wait='300' hold='5' ver='2.0'/>"), config);
        assertThat(terms.waitSeconds()).isEqualTo(30);
        assertThat(terms.hold()).isEqualTo(Terms.MAX_HOLD);
        assertThat(terms.requests()).isEqualTo(Terms.MAX_HOLD + 1);
        assertThat(terms.ver()).isEqualTo("1.11");
        assertThat(terms.contentType()).isEqualTo("text/xml; charset=utf-8");
        Terms polling = Terms.of(parse("<body xmlns='" + BoshBody.NAMESPACE + "' rid='1' wait='0' ver='1.10'/>"), config);
        assertThat(polling.hold()).isZero();
        assertThat(polling.requests()).isEqualTo(1);
        assertThat(polling.inactivity()).as("more than the polling interval").isEqualTo(60 + Terms.POLLING_SECONDS);
        assertThat(polling.ver()).as("1.10 is below 1.11").isEqualTo("1.10");
        Terms legacy = Terms.of(parse("<body xmlns='" + BoshBody.NAMESPACE + "' rid='1' content='text/html'/>"), config);
        assertThat(legacy.legacy()).isTrue();
        assertThat(legacy.contentType()).isEqualTo("text/html");
        assertThat(Condition.ITEM_NOT_FOUND.status(true).code()).isEqualTo(404);
        assertThatThrownBy(() -> Terms.of(parse("<body xmlns='" + BoshBody.NAMESPACE
                + "' rid='1' content='text/xml&#13;&#10;X-Injected: 1'/>"), config)).isInstanceOf(BoshException.class);
    }

    @Test
    void aResponseDeclaresThePrefixesOfItsAttributesAndStreamElements() {
        assertThat(BoshBody.response(Map.of("xmpp:version", "1.0"), "")).isEqualTo("<body xmlns='" + BoshBody.NAMESPACE
                + "' xmlns:xmpp='urn:xmpp:xbosh' xmlns:stream='http://etherx.jabber.org/streams' xmpp:version='1.0'/>");
        assertThat(BoshBody.response(Map.of(), "<message xmlns=\"jabber:client\"/>")).endsWith(
                "><message xmlns=\"jabber:client\"/></body>");
    }
}
