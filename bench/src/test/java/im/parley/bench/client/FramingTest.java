package im.parley.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FramingTest {
    @Test
    void webSocketFramesNameTheStanzaNamespace() {
        assertThat(Framing.WEBSOCKET.element("<presence/>")).isEqualTo("<presence xmlns='jabber:client'/>");
        assertThat(Framing.WEBSOCKET.element("<message type='chat' to='a@b'><body>x</body></message>"))
                .isEqualTo("<message xmlns='jabber:client' type='chat' to='a@b'><body>x</body></message>");
        assertThat(Framing.WEBSOCKET.element("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>"))
                .startsWith("<iq xmlns='jabber:client' type='set'");
    }

    @Test
    void elementsWithTheirOwnNamespaceAndTcpPassAsTheyAre() {
        String auth = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGE=</auth>";
        assertThat(Framing.WEBSOCKET.element(auth)).isEqualTo(auth);
        assertThat(Framing.TCP.element("<presence/>")).isEqualTo("<presence/>");
    }
}
