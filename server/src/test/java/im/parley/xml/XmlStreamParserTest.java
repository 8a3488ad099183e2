package im.parley.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlStreamParserTest {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0' xml:lang='en'>";
    private static final String MESSAGE = "<message to='juliet@example.com' id='m1' type='chat'>"
            + "<body>Wherefore art thou &amp; &#x263A; &lt;Romeo&gt;?</body>"
            + "<x:thread xmlns:x='urn:a' x:parent='p1' xml:lang='fr'>t</x:thread></message>";
    private static final String STREAM = HEADER + MESSAGE + "\n <presence/> \n<iq type='get' id='i'>"
            + "<query xmlns='jabber:iq:roster'/></iq></stream:stream>";

    private final Recorder recorder = new Recorder();

    @Test
    void reportsHeaderStanzasAndClose() throws Exception {
        parser(XmlLimits.defaults()).feed(utf8(STREAM));

        assertThat(recorder.contentNamespace).isEqualTo("jabber:client");
        Element header = recorder.header;
        assertThat(header.is("stream", XmlStreamParser.STREAM_NAMESPACE)).isTrue();
        assertThat(header.attribute("to")).isEqualTo("example.com");
        assertThat(header.attribute("version")).isEqualTo("1.0");
        assertThat(header.attribute("xml:lang")).isEqualTo("en");
        assertThat(header.attributeCount()).isEqualTo(3);
        assertThat(recorder.elements).extracting(Element::name).containsExactly("message", "presence", "iq");
        assertThat(recorder.elements.get(2).child("query", "jabber:iq:roster")).isNotNull();
        assertThat(recorder.closed).isTrue();
    }

    @Test
    void resolvesDefaultAndPrefixedNamespacesAndAttributes() throws Exception {
        parser(XmlLimits.defaults()).feed(utf8(HEADER + MESSAGE));

        Element message = recorder.elements.get(0);
        assertThat(message.namespace()).isEqualTo(Element.CONTENT_NAMESPACE);
        assertThat(message.childText("body")).isEqualTo("Wherefore art thou & \u263A <Romeo>?");
        Element thread = message.child("thread", "urn:a");
        assertThat(thread).isNotNull();
        assertThat(thread.attribute("{urn:a}parent")).isEqualTo("p1");
        assertThat(thread.attribute("xml:lang")).isEqualTo("fr");
        assertThat(thread.attributeCount()).isEqualTo(2);
        assertThat(thread.text()).isEqualTo("t");
    }

    @Test
    void headerWithoutDefaultNamespaceHasEmptyContentNamespace() throws Exception {
        parser(XmlLimits.defaults()).feed(utf8("<s:stream xmlns:s='http://etherx.jabber.org/streams'>"
                + "<c:message xmlns:c='jabber:client'/>"));

        assertThat(recorder.contentNamespace).isEmpty();
        assertThat(recorder.elements.get(0).is("message", "jabber:client")).isTrue();
    }

    @Test
    void theContentNamespaceIsMappedAlongTheChainFromTheStanzaOnly() throws Exception {
        parser(XmlLimits.defaults()).feed(utf8(HEADER
                + "<iq type='error' id='e'><error type='cancel'><text xmlns='jabber:client'/></error></iq>"
                + "<message><body>outer</body><forwarded xmlns='urn:xmpp:forward:0'>"
                + "<message xmlns='jabber:client'><body>inner</body></message></forwarded>"
                + "<x xmlns='urn:a'><y/></x></message>"));

        Element iq = recorder.elements.get(0);
        assertThat(iq.is("iq", Element.CONTENT_NAMESPACE)).isTrue();
        Element error = iq.child("error", Element.CONTENT_NAMESPACE);
        assertThat(error.child("text", Element.CONTENT_NAMESPACE)).isNotNull();
        Element message = recorder.elements.get(1);
        assertThat(message.is("message", Element.CONTENT_NAMESPACE)).isTrue();
        assertThat(message.child("body", Element.CONTENT_NAMESPACE).text()).isEqualTo("outer");
        // XEP-0297: a forwarded stanza keeps the namespace it was written in, and so do its children.
        Element forwarded = message.child("forwarded", "urn:xmpp:forward:0").firstElement();
        assertThat(forwarded.is("message", "jabber:client")).isTrue();
        assertThat(forwarded.child("body", "jabber:client").text()).isEqualTo("inner");
        // Another namespace is untouched, and its children inherit it.
        assertThat(message.child("x", "urn:a").child("y", "urn:a")).isNotNull();
    }

    @Test
    void splitAtEveryByteOffsetGivesTheSameResult() throws Exception {
        byte[] bytes = (STREAM).getBytes(StandardCharsets.UTF_8);
        Recorder whole = new Recorder();
        new XmlStreamParser(XmlLimits.defaults(), whole).feed(ByteBuffer.wrap(bytes));

        for (int split = 1; split < bytes.length; split++) {
            Recorder pieces = new Recorder();
            XmlStreamParser parser = new XmlStreamParser(XmlLimits.defaults(), pieces);
            parser.feed(ByteBuffer.wrap(bytes, 0, split));
            parser.feed(ByteBuffer.wrap(bytes, split, bytes.length - split));
            assertThat(pieces.events).as("split at %d", split).isEqualTo(whole.events);
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameResult() throws Exception {
        byte[] bytes = (STREAM).getBytes(StandardCharsets.UTF_8);
        Recorder whole = new Recorder();
        new XmlStreamParser(XmlLimits.defaults(), whole).feed(ByteBuffer.wrap(bytes));

        XmlStreamParser parser = parser(XmlLimits.defaults());
        feedByteByByte(parser, bytes);

        assertThat(recorder.events).isEqualTo(whole.events);
        assertThat(recorder.elements).hasSize(3);
    }

    @Test
    void multiByteCharactersSplitAcrossFeeds() throws Exception {
        String text = "h\u00e9llo \u4e2d\u6587 \uD83D\uDE00 caf\u00e9";
        String attribute = "\u00fc\u4e2d\uD83C\uDF89\uD840\uDC00"; // 2, 3, 4 and 4 bytes (U+1F389, U+20000)
        XmlStreamParser parser = parser(XmlLimits.defaults());

        feedByteByByte(parser, (HEADER + "<message id='" + attribute + "'><body>" + text + "</body></message>")
                .getBytes(StandardCharsets.UTF_8));

        Element message = recorder.elements.get(0);
        assertThat(message.attribute("id")).isEqualTo(attribute);
        assertThat(message.childText("body")).isEqualTo(text);
    }

    @Test
    void severalStanzasAndKeepalivesInOneFeed() throws Exception {
        StringBuilder input = new StringBuilder(HEADER);
        for (int i = 0; i < 100; i++) {
            input.append("<message id='").append(i).append("'><body>").append(i).append("</body></message> ");
        }

        parser(XmlLimits.defaults()).feed(utf8(input.toString()));

        assertThat(recorder.elements).hasSize(100);
        assertThat(recorder.elements.get(99).attribute("id")).isEqualTo("99");
        assertThat(recorder.elements.get(99).childText("body")).isEqualTo("99");
    }

    @Test
    void textAroundChildElementsIsKeptInOrder() throws Exception {
        parser(XmlLimits.defaults()).feed(utf8(HEADER + "<p xmlns='urn:x'>a<b/>c<![CDATA[<d>]]>e</p>"));

        assertThat(recorder.elements.get(0).children())
                .containsExactly("a", Element.of("b", "urn:x"), "c<d>e");
    }

    @Test
    void acceptsAPlainBufferWithNonZeroPositionAndConsumesIt() throws Exception {
        byte[] stanza = (HEADER + "<presence/>").getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[stanza.length + 10];
        System.arraycopy(stanza, 0, padded, 7, stanza.length);
        ByteBuffer buffer = ByteBuffer.wrap(padded, 7, stanza.length);

        parser(XmlLimits.defaults()).feed(buffer);

        assertThat(recorder.elements).hasSize(1);
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void streamCloseIsReportedAndLaterInputIgnored() throws Exception {
        XmlStreamParser parser = parser(XmlLimits.defaults());
        parser.feed(utf8(HEADER + "<presence/></stream:stream>"));
        parser.feed(utf8("<presence/> garbage <<<"));

        assertThat(recorder.events).hasSize(3).endsWith("element <presence/>", "close");
    }

    @Test
    void roundTripsThroughXmlWriterWithEscaping() throws Exception {
        String nasty = "a<b>c&d\"e'f]]>g\r\n\th";
        Element original = Element.builder("message", Element.CONTENT_NAMESPACE)
                .attribute("id", nasty)
                .attribute("xml:lang", "en")
                .attribute("{urn:ext}flag", "1")
                .child(Element.builder("body", Element.CONTENT_NAMESPACE).text(nasty).build())
                .child(Element.builder("x", "urn:other").text("<&>").build())
                .build();

        parser(XmlLimits.defaults()).feed(utf8(HEADER + XmlWriter.toXml(original, "jabber:client")));

        assertThat(recorder.elements).containsExactly(original);
    }

    // --- malformed and restricted input ---

    @Test
    void undeclaredPrefixIsNotWellFormed() {
        assertFails(HEADER + "<x:foo/>", XmlStreamException.NOT_WELL_FORMED);
    }

    @Test
    void malformedXmlIsNotWellFormed() {
        assertFails(HEADER + "<message><body></message>", XmlStreamException.NOT_WELL_FORMED);
        assertFails(HEADER + "<message id='1' id='2'/>", XmlStreamException.NOT_WELL_FORMED);
        assertFails(HEADER + "<message id=1/>", XmlStreamException.NOT_WELL_FORMED);
        assertFails(HEADER + "<message>&#0;</message>", XmlStreamException.NOT_WELL_FORMED);
        assertFails(HEADER + "<message>&</message>", XmlStreamException.NOT_WELL_FORMED);
        assertFails("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'><?xml version='1.0'?>",
                XmlStreamException.NOT_WELL_FORMED);
    }

    @Test
    void billionLaughsDtdIsRestricted() {
        String bomb = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
                + "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
                + "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>&lol3;";
        assertFails(bomb, XmlStreamException.RESTRICTED_XML);
        assertFailsByteByByte(bomb, XmlStreamException.RESTRICTED_XML);
    }

    @Test
    void externalEntitiesAreRestrictedAndNeverResolved() {
        assertFails("<!DOCTYPE stream:stream SYSTEM 'file:///etc/passwd'>"
                + "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>", XmlStreamException.RESTRICTED_XML);
        assertFails("<!DOCTYPE s [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                + "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>&xxe;", XmlStreamException.RESTRICTED_XML);
    }

    @Test
    void entityReferencesOtherThanPredefinedAreRestricted() {
        assertFails(HEADER + "<message><body>&xxe;</body></message>", XmlStreamException.RESTRICTED_XML);
        assertFails(HEADER + "<message id='&xxe;'/>", XmlStreamException.RESTRICTED_XML);
    }

    @Test
    void commentsAndProcessingInstructionsAreRestricted() {
        assertFails("<!-- hi --><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>",
                XmlStreamException.RESTRICTED_XML);
        assertFails("<?php echo 1 ?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>",
                XmlStreamException.RESTRICTED_XML);
        assertFails(HEADER + "<!-- between stanzas -->", XmlStreamException.RESTRICTED_XML);
        assertFails(HEADER + "<message><!-- inside --></message>", XmlStreamException.RESTRICTED_XML);
        assertFails(HEADER + "<message><?pi data?></message>", XmlStreamException.RESTRICTED_XML);
    }

    @Test
    void rootMustBeStreamInTheStreamNamespace() {
        assertFails("<stream:stream xmlns:stream='jabber:client'>", XmlStreamException.INVALID_NAMESPACE);
        assertFails("<stream xmlns='jabber:client'>", XmlStreamException.INVALID_NAMESPACE);
        assertFails("<flux:flux xmlns:flux='http://etherx.jabber.org/streams'>", XmlStreamException.INVALID_NAMESPACE);
    }

    @Test
    void characterDataBetweenStanzasIsBadFormat() {
        assertFails(HEADER + "<presence/>hello", XmlStreamException.BAD_FORMAT);
    }

    @Test
    void encodingsOtherThanUtf8AreUnsupported() {
        String root = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>";
        assertFails("<?xml version='1.0' encoding='UTF-16'?>" + root, XmlStreamException.UNSUPPORTED_ENCODING);
        assertFails("<?xml version='1.0' encoding='US-ASCII'?>" + root, XmlStreamException.UNSUPPORTED_ENCODING);
        byte[] invalid = utf8bytes(HEADER + "<message><body>x</body></message>");
        invalid[invalid.length - 18] = (byte) 0xC3; // the 'x' of the body: a lead byte followed by '<'
        assertFails(invalid, XmlStreamException.UNSUPPORTED_ENCODING);
    }

    @Test
    void failedParserIgnoresFurtherInput() throws Exception {
        XmlStreamParser parser = parser(XmlLimits.defaults());
        assertThatThrownBy(() -> parser.feed(utf8(HEADER + "<a></b></a>"))).isInstanceOf(XmlStreamException.class);

        parser.feed(utf8("<presence/>"));

        assertThat(recorder.elements).isEmpty();
    }

    // --- resting between stanzas ---

    @Test
    void restingAtEveryByteOffsetChangesNothing() throws Exception {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        Recorder whole = new Recorder();
        new XmlStreamParser(XmlLimits.defaults(), whole).feed(ByteBuffer.wrap(bytes));

        List<Integer> restedAt = new ArrayList<>();
        for (int split = 1; split < bytes.length; split++) {
            Recorder pieces = new Recorder();
            XmlStreamParser parser = new XmlStreamParser(XmlLimits.defaults(), pieces);
            parser.feed(ByteBuffer.wrap(bytes, 0, split));
            if (parser.rest()) {
                restedAt.add(split);
            }
            parser.feed(ByteBuffer.wrap(bytes, split, bytes.length - split));
            assertThat(pieces.events).as("rest at %d", split).isEqualTo(whole.events);
        }
        // Only between stanzas: right after the header, after the message, within the whitespace
        // before the presence and after it, before the iq and after it.
        int afterHeader = HEADER.length();
        int afterMessage = afterHeader + MESSAGE.length();
        int afterIq = STREAM.length() - "</stream:stream>".length();
        assertThat(restedAt).containsExactly(afterHeader, afterMessage, afterMessage + 1, afterMessage + 2,
                afterMessage + 13, afterMessage + 14, afterMessage + 15, afterIq);
    }

    @Test
    void aRestedParserKeepsTheHeadersPrefixesAndNamespaces() throws Exception {
        XmlStreamParser parser = parser(XmlLimits.defaults());
        parser.feed(utf8("<s:stream xmlns:s='http://etherx.jabber.org/streams' xmlns:c=\"jabber:client\" "
                + "xmlns='urn:x&amp;y'>"));
        assertThat(parser.rest()).isTrue();
        parser.feed(utf8("<c:message/><presence/><s:features/>"));

        assertThat(recorder.elements.get(0).is("message", "jabber:client")).isTrue();
        assertThat(recorder.elements.get(1).is("presence", Element.CONTENT_NAMESPACE)).isTrue();
        assertThat(recorder.elements.get(2).is("features", XmlStreamParser.STREAM_NAMESPACE)).isTrue();
    }

    @Test
    void aRestedParserStillEnforcesTheLimits() throws Exception {
        String stanza = "<message><body>" + "x".repeat(300) + "</body></message>";
        XmlStreamParser parser = parser(new XmlLimits(stanza.length(), 32, 64));
        parser.feed(utf8(HEADER + stanza));
        assertThat(parser.rest()).isTrue();
        parser.feed(utf8(stanza));
        assertThat(parser.rest()).isTrue();

        assertThatThrownBy(() -> parser.feed(utf8(stanza.replace("<body>", "<body>x"))))
                .isInstanceOfSatisfying(XmlStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo(XmlStreamException.POLICY_VIOLATION));
        assertThat(recorder.elements).hasSize(2);
    }

    @Test
    void neitherBeforeTheHeaderNorAfterTheEndNorInsideACharacter() throws Exception {
        XmlStreamParser parser = parser(XmlLimits.defaults());
        assertThat(parser.rest()).isFalse();
        byte[] smiley = (HEADER + "<message><body>\u263A</body></message>").getBytes(StandardCharsets.UTF_8);
        parser.feed(ByteBuffer.wrap(smiley, 0, HEADER.length()));
        parser.feed(utf8(" "));
        assertThat(parser.canRest()).isTrue();
        parser.feed(utf8("</stream:stream>"));
        assertThat(parser.rest()).isFalse();
    }

    // --- limits ---

    @Test
    void stanzaOfExactlyTheLimitPassesAndOneByteMoreFails() throws Exception {
        String stanza = "<message><body>" + "x".repeat(300) + "</body></message>";
        int size = stanza.length();
        parser(new XmlLimits(size, 32, 64)).feed(utf8(HEADER + stanza + " " + stanza));
        assertThat(recorder.elements).hasSize(2);

        assertFails(new XmlLimits(size - 1, 32, 64), utf8bytes(HEADER + stanza), XmlStreamException.POLICY_VIOLATION);
    }

    @Test
    void sizeLimitHoldsWhenFedByteByByte() throws Exception {
        String stanza = "<message><body>" + "x".repeat(300) + "</body></message>";
        XmlStreamParser parser = parser(new XmlLimits(stanza.length(), 32, 64));
        feedByteByByte(parser, utf8bytes(HEADER + stanza));
        assertThat(recorder.elements).hasSize(1);

        XmlStreamParser tooSmall = new XmlStreamParser(new XmlLimits(stanza.length() - 1, 32, 64), new Recorder());
        assertThatThrownBy(() -> feedByteByByte(tooSmall, utf8bytes(HEADER + stanza)))
                .isInstanceOfSatisfying(XmlStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo(XmlStreamException.POLICY_VIOLATION));
    }

    @Test
    void whitespaceKeepalivesDoNotCountTowardsTheNextStanza() throws Exception {
        XmlStreamParser parser = parser(new XmlLimits(HEADER.length() + 1, 32, 64));
        parser.feed(utf8(HEADER));
        for (int i = 0; i < 1000; i++) {
            parser.feed(utf8(" "));
        }
        parser.feed(utf8("<presence/>"));

        assertThat(recorder.elements).hasSize(1);
    }

    @Test
    void streamHeaderIsBounded() {
        String header = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='" + "x".repeat(2000) + "'>";
        assertFails(new XmlLimits(1000, 32, 64), utf8bytes(header), XmlStreamException.POLICY_VIOLATION);
    }

    @Test
    void tenMegabyteAttributeFailsEarlyInOneFeed() {
        String half = "a".repeat(5 * 1024 * 1024);
        // Were the whole buffer parsed before the size check, the '<' would make it not-well-formed.
        byte[] huge = utf8bytes(HEADER + "<message id='" + half + "<" + half + "'/>");
        assertFails(huge, XmlStreamException.POLICY_VIOLATION);
    }

    @Test
    void tenMegabyteAttributeFailsSoonAfterTheLimitWhenStreamed() throws Exception {
        XmlStreamParser parser = parser(XmlLimits.defaults());
        parser.feed(utf8(HEADER + "<message id='"));
        byte[] chunk = utf8bytes("a".repeat(1000));
        long fed = 0;
        try {
            while (fed < 10 * 1024 * 1024) {
                parser.feed(ByteBuffer.wrap(chunk));
                fed += chunk.length;
            }
        } catch (XmlStreamException e) {
            assertThat(e.condition()).isEqualTo(XmlStreamException.POLICY_VIOLATION);
        }
        assertThat(fed).isBetween((long) XmlLimits.DEFAULT_MAX_STANZA_BYTES - 2000,
                (long) XmlLimits.DEFAULT_MAX_STANZA_BYTES);
    }

    @Test
    void nestingAtTheDepthLimitPassesAndDeeperFails() throws Exception {
        parser(new XmlLimits(1 << 20, 3, 64)).feed(utf8(HEADER + "<a><b><c/></b></a>"));
        assertThat(recorder.elements).hasSize(1);

        assertFails(new XmlLimits(1 << 20, 3, 64), utf8bytes(HEADER + "<a><b><c><d/></c></b></a>"),
                XmlStreamException.POLICY_VIOLATION);
    }

    @Test
    void tenThousandNestedElementsFail() {
        String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
        assertFails(HEADER + deep, XmlStreamException.POLICY_VIOLATION);
    }

    @Test
    void attributesAtTheLimitPassAndMoreFail() throws Exception {
        parser(XmlLimits.defaults()).feed(utf8(HEADER + "<message" + attributes(64) + "/>"));
        assertThat(recorder.elements.get(0).attributeCount()).isEqualTo(64);

        assertFails(HEADER + "<message" + attributes(65) + "/>", XmlStreamException.POLICY_VIOLATION);
        assertFails(HEADER + "<message xmlns:p='urn:p'" + attributes(64) + "/>", XmlStreamException.POLICY_VIOLATION);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new XmlLimits(0, 32, 64)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers ---

    private XmlStreamParser parser(XmlLimits limits) {
        return new XmlStreamParser(limits, recorder);
    }

    private static String attributes(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(" a").append(i).append("='").append(i).append('\'');
        }
        return sb.toString();
    }

    private static void feedByteByByte(XmlStreamParser parser, byte[] bytes) throws XmlStreamException {
        for (int i = 0; i < bytes.length; i++) {
            parser.feed(ByteBuffer.wrap(bytes, i, 1));
        }
    }

    private static void assertFails(String input, String condition) {
        assertFails(XmlLimits.defaults(), utf8bytes(input), condition);
    }

    private static void assertFails(byte[] input, String condition) {
        assertFails(XmlLimits.defaults(), input, condition);
    }

    private static void assertFails(XmlLimits limits, byte[] input, String condition) {
        XmlStreamParser parser = new XmlStreamParser(limits, new Recorder());
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(input)))
                .isInstanceOfSatisfying(XmlStreamException.class, e -> assertThat(e.condition()).isEqualTo(condition));
    }

    private static void assertFailsByteByByte(String input, String condition) {
        XmlStreamParser parser = new XmlStreamParser(XmlLimits.defaults(), new Recorder());
        assertThatThrownBy(() -> feedByteByByte(parser, utf8bytes(input)))
                .isInstanceOfSatisfying(XmlStreamException.class, e -> assertThat(e.condition()).isEqualTo(condition));
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(utf8bytes(s));
    }

    private static byte[] utf8bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Records every callback, in order, as text that compares by value. */
    private static final class Recorder implements XmlStreamParser.Listener {
        final List<String> events = new ArrayList<>();
        final List<Element> elements = new ArrayList<>();
        Element header;
        String contentNamespace;
        boolean closed;

        @Override
        public void streamOpened(Element header, String contentNamespace) {
            this.header = header;
            this.contentNamespace = contentNamespace;
            events.add("open " + header + " " + contentNamespace);
        }

        @Override
        public void element(Element element) {
            elements.add(element);
            events.add("element " + element);
        }

        @Override
        public void streamClosed() {
            closed = true;
            events.add("close");
        }
    }
}
