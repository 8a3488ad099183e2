package im.parley.xml;

import java.nio.ByteBuffer;

/**
 * Where UTF-8 characters begin and end in a byte buffer, so that input can be cut between
 * characters rather than inside one.
 */
final class Utf8 {
    /** The longest UTF-8 sequence, in bytes. */
    static final int MAX_SEQUENCE = 4;

    private Utf8() {
    }

    /**
     * The length of the sequence this byte starts: 1 for ASCII, 2 to 4 for a lead byte; 1 also for
     * a byte that cannot start a character, leaving the decoder to reject it.
     */
    static int sequenceLength(byte first) {
        int b = first & 0xFF;
        if (b >= 0xF0 && b <= 0xF7) {
            return 4;
        }
        if (b >= 0xE0 && b < 0xF0) {
            return 3;
        }
        if (b >= 0xC0 && b < 0xE0) {
            return 2;
        }
        return 1;
    }

    /**
     * The largest index in {@code [from, end]} that is not inside a character: {@code end} unless
     * the bytes before it stop in the middle of a sequence, in which case where that sequence starts.
     */
    static int lastBoundary(ByteBuffer bytes, int from, int end) {
        for (int i = end - 1; i >= Math.max(from, end - (MAX_SEQUENCE - 1)); i--) {
            byte b = bytes.get(i);
            if ((b & 0xC0) != 0x80) { // not a continuation byte: the last sequence starts here
                return i + sequenceLength(b) > end ? i : end;
            }
        }
        return end;
    }
}
