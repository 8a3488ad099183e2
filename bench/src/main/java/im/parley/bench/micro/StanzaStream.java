package im.parley.bench.micro;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import java.nio.charset.StandardCharsets;

/**
 * A realistic client stream for the microbenchmarks: what a chatting client sends, in the mix
 * a busy server sees (mostly one-to-one messages with chat states, some presence, pings and
 * roster-sized IQs), with escaped text and non-ASCII characters.
 */
final class StanzaStream {
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0' xml:lang='en'>";

    private static final String[] MIX = {
        "<message to='user2@localhost' type='chat' id='m%1$d'><body>Hello there, are we still on for lunch"
                + " at 12:30? I&apos;ll bring the caf\u00e9 notes &amp; the slides.</body>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>",
        "<message to='user3@localhost/phone' type='chat' id='m%1$d'><composing "
                + "xmlns='http://jabber.org/protocol/chatstates'/></message>",
        "<message to='user4@localhost' type='chat' id='m%1$d'><body>\u3053\u3093\u306b\u3061\u306f \ud83d\ude00 "
                + "see https://example.com/a?b=1&amp;c=2</body><request xmlns='urn:xmpp:receipts'/>"
                + "<origin-id xmlns='urn:xmpp:sid:0' id='5f1c%1$d'/></message>",
        "<presence id='p%1$d'><show>away</show><status>In a meeting</status><priority>5</priority>"
                + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://parley.im' "
                + "ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>",
        "<iq type='get' id='ping%1$d' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>",
        "<message to='user5@localhost' type='chat' id='m%1$d'><body>ok</body></message>",
    };

    private StanzaStream() {
    }

    /** {@code count} stanzas of the mix, without the stream header. */
    static byte[] stanzas(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(MIX[i % MIX.length].formatted(i));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A one-to-one chat message as the router sees it. */
    static Element chatMessage(String from, String to) {
        return Element.builder("message", Namespaces.STANZA)
                .attribute("from", from).attribute("to", to).attribute("type", "chat").attribute("id", "m1")
                .child(Element.builder("body", Namespaces.STANZA)
                        .text("Hello there, are we still on for lunch at 12:30? I'll bring the caf\u00e9 notes & slides.")
                        .build())
                .child(Element.of("active", "http://jabber.org/protocol/chatstates"))
                .build();
    }
}
