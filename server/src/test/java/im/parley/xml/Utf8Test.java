package im.parley.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static final byte[] TEXT = "a\u00e9\u4e2d\uD83C\uDF89".getBytes(StandardCharsets.UTF_8); // 1+2+3+4 bytes

    @Test
    void sequenceLengthFollowsTheLeadByte() {
        assertThat(Utf8.sequenceLength((byte) 'a')).isEqualTo(1);
        assertThat(Utf8.sequenceLength((byte) 0xC3)).isEqualTo(2);
        assertThat(Utf8.sequenceLength((byte) 0xE4)).isEqualTo(3);
        assertThat(Utf8.sequenceLength((byte) 0xF0)).isEqualTo(4);
        assertThat(Utf8.sequenceLength((byte) 0x80)).as("continuation byte").isEqualTo(1);
        assertThat(Utf8.sequenceLength((byte) 0xFF)).as("never valid").isEqualTo(1);
    }

    @Test
    void boundaryMovesBackToTheStartOfACutCharacter() {
        ByteBuffer bytes = ByteBuffer.wrap(TEXT);
        int[] expected = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10};
        for (int end = 0; end <= TEXT.length; end++) {
            assertThat(Utf8.lastBoundary(bytes, 0, end)).as("end %d", end).isEqualTo(expected[end]);
        }
    }

    @Test
    void boundaryNeverGoesBeforeFrom() {
        assertThat(Utf8.lastBoundary(ByteBuffer.wrap(TEXT), 7, 9)).isEqualTo(9);
        assertThat(Utf8.lastBoundary(ByteBuffer.wrap(TEXT), 6, 9)).isEqualTo(6);
    }
}
