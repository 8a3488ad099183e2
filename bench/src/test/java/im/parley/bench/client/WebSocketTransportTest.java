package im.parley.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebSocketTransportTest {
    /** Each length class of RFC 6455 §5.2 (7 bits, 16 bits, 64 bits), with a tail that is not a multiple of 4. */
    @ParameterizedTest
    @ValueSource(ints = {0, 5, 125, 126, 1_001, 65_535, 70_003})
    void aFrameIsFinalMaskedAndUnmasksToThePayload(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + i % 26));
        }
        ByteBuf payload = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        ByteBuf frame = WebSocketTransport.frame(ByteBufAllocator.DEFAULT, 0x1, payload);

        assertThat(payload.refCnt()).isZero();
        assertThat(frame.readUnsignedByte()).isEqualTo((short) 0x81);
        int second = frame.readUnsignedByte();
        assertThat(second & 0x80).as("mask bit").isNotZero();
        long declared = second & 0x7f;
        if (declared == 126) {
            declared = frame.readUnsignedShort();
        } else if (declared == 127) {
            declared = frame.readLong();
        }
        assertThat(declared).isEqualTo(length);
        byte[] key = new byte[4];
        frame.readBytes(key);
        byte[] unmasked = new byte[frame.readableBytes()];
        for (int i = 0; i < unmasked.length; i++) {
            unmasked[i] = (byte) (frame.readByte() ^ key[i % 4]);
        }
        frame.release();
        assertThat(new String(unmasked, StandardCharsets.UTF_8)).isEqualTo(text.toString());
    }
}
