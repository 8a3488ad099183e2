package im.parley.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 7395's framing elements as the stream text the parser reads. */
class WebSocketFramingTest {
    @Test
    void openBecomesAStreamHeaderWithItsAttributes() {
        assertThat(WebSocketFraming.asStreamText(
                "<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"example.com\" version=\"1.0\" xml:lang=\"de\"/>"))
                .isEqualTo("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                        + " to='example.com' version='1.0' xml:lang='de'>");
        assertThat(WebSocketFraming.asStreamText("<?xml version='1.0'?> <f:open xmlns:f='urn:ietf:params:xml:ns:xmpp-framing' to='a&amp;b'/>"))
                .isEqualTo("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='a&amp;b'>");
    }

    @Test
    void closeBecomesTheStreamsClosingTag() {
        assertThat(WebSocketFraming.asStreamText("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>"))
                .isEqualTo("</stream:stream>");
    }

    @Test
    void everythingElsePassesAsItIs() {
        String message = "<message xmlns='jabber:client' to='romeo@example.net'><body>open</body></message>";
        assertThat(WebSocketFraming.asStreamText(message)).isSameAs(message);
        String foreignOpen = "<open xmlns='urn:example:not-framing'/>";
        assertThat(WebSocketFraming.asStreamText(foreignOpen)).isSameAs(foreignOpen);
        String broken = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing'";
        assertThat(WebSocketFraming.asStreamText(broken)).isSameAs(broken);
    }

    @Test
    void onlyFramesThatMayBeOpenOrCloseAreDecoded() {
        assertThat(mayBeOpenOrClose(" <open xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>")).isTrue();
        assertThat(mayBeOpenOrClose("<f:close xmlns:f='urn:ietf:params:xml:ns:xmpp-framing'/>")).isTrue();
        assertThat(mayBeOpenOrClose("<?xml version='1.0'?><open/>")).isTrue();
        assertThat(mayBeOpenOrClose("<message xmlns='jabber:client'><body>open</body></message>")).isFalse();
        assertThat(mayBeOpenOrClose("<opener/>")).isFalse();
        assertThat(mayBeOpenOrClose("   ")).isFalse();
        assertThat(mayBeOpenOrClose("\n\t<close>")).isTrue();
        assertThat(mayBeOpenOrClose("<x:open\txmlns:x='urn:ietf:params:xml:ns:xmpp-framing'/>")).isTrue();
        assertThat(mayBeOpenOrClose("<open")).isFalse();
        assertThat(mayBeOpenOrClose("<iq xmlns='jabber:client' type='get'/>")).isFalse();
        assertThat(mayBeOpenOrClose("<öpen/>")).isFalse();
    }

    private static boolean mayBeOpenOrClose(String frame) {
        return WebSocketFraming.mayBeOpenOrClose(Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8));
    }
}
