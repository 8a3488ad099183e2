package im.parley.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xml.Element;
import im.parley.xml.XmlLimits;
import im.parley.xml.XmlStreamParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The microbenchmarks' input must be a valid stream, or they would measure error handling. */
class StanzaStreamTest {
    @Test
    void everyStanzaOfTheMixParses() throws Exception {
        List<Element> parsed = new ArrayList<>();
        XmlStreamParser parser = new XmlStreamParser(new XmlLimits(262_144, 32, 64), new XmlStreamParser.Listener() {
            @Override
            public void streamOpened(Element header, String contentNamespace) {
            }

            @Override
            public void element(Element element) {
                parsed.add(element);
            }

            @Override
            public void streamClosed() {
            }
        });
        parser.feed(ByteBuffer.wrap(StanzaStream.HEADER.getBytes(StandardCharsets.UTF_8)));
        parser.feed(ByteBuffer.wrap(StanzaStream.stanzas(12)));
        assertThat(parsed).hasSize(12);
        assertThat(parsed.get(2).childText("body")).contains("\ud83d\ude00", "a?b=1&c=2");
    }
}
