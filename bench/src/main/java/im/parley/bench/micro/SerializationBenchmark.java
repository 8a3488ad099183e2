package im.parley.bench.micro;

import im.parley.xml.Element;
import im.parley.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serializing a routed chat message with {@link XmlWriter}: to a String, and on to the UTF-8
 * bytes a connection writes. Run with {@code -prof gc} for allocations per stanza.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SerializationBenchmark {
    private Element message;

    @Setup
    public void setUp() {
        message = StanzaStream.chatMessage("user1@localhost/bench", "user2@localhost");
    }

    @Benchmark
    public String toXml() {
        return XmlWriter.toXml(message);
    }

    @Benchmark
    public byte[] toUtf8Bytes() {
        return XmlWriter.toXml(message).getBytes(StandardCharsets.UTF_8);
    }
}
