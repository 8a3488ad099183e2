package im.parley.bench.micro;

import im.parley.xml.Element;
import im.parley.xml.XmlLimits;
import im.parley.xml.XmlStreamException;
import im.parley.xml.XmlStreamParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing a client stream into stanzas with {@link XmlStreamParser}, fed in network-sized reads.
 * The score is time per stanza; the {@code bytes} counter gives the throughput (in this average-time
 * mode JMH prints it as ns per byte: MB/s = 1000 / that); run with {@code -prof gc} for allocations
 * per stanza ({@code gc.alloc.rate.norm}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class XmlParseBenchmark {
    static final int STANZAS = 1_000;

    /** Size of each read handed to the parser, as the network layer would. */
    @Param({"1024", "16384"})
    int readBytes;

    private byte[] stream;
    private int streamBytes;

    /** Bytes parsed, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void setUp() {
        byte[] header = StanzaStream.HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] body = StanzaStream.stanzas(STANZAS);
        stream = new byte[header.length + body.length];
        System.arraycopy(header, 0, stream, 0, header.length);
        System.arraycopy(body, 0, stream, header.length, body.length);
        streamBytes = stream.length;
    }

    @Benchmark
    @OperationsPerInvocation(STANZAS)
    public void parse(Bytes counter, Blackhole hole) throws XmlStreamException {
        XmlStreamParser parser = new XmlStreamParser(new XmlLimits(262_144, 32, 64), new XmlStreamParser.Listener() {
            @Override
            public void streamOpened(Element header, String contentNamespace) {
                hole.consume(header);
            }

            @Override
            public void element(Element element) {
                hole.consume(element);
            }

            @Override
            public void streamClosed() {
            }
        });
        for (int offset = 0; offset < streamBytes; offset += readBytes) {
            parser.feed(ByteBuffer.wrap(stream, offset, Math.min(readBytes, streamBytes - offset)));
        }
        counter.bytes += streamBytes;
    }
}
