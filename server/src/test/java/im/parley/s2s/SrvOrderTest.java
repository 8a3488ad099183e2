package im.parley.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;

/** The order in which a domain's SRV targets are tried: RFC 2782's selection by priority and weight. */
class SrvOrderTest {
    /** Draws given in advance, each checked against the bound RFC 2782 draws within: the sum of the weights left, plus one. */
    private static final class Draws implements RandomGenerator {
        private final Deque<long[]> draws = new ArrayDeque<>();

        Draws draw(long value, long bound) {
            draws.add(new long[] {value, bound});
            return this;
        }

        @Override
        public long nextLong(long bound) {
            long[] next = draws.remove();
            assertThat(bound).as("the bound of the draw of %d", next[0]).isEqualTo(next[1]);
            return next[0];
        }

        @Override
        public long nextLong() {
            throw new AssertionError("draws are bounded");
        }
    }

    @Test
    void theLowestPriorityComesFirstWhateverTheWeights() throws TextParseException {
        List<SRVRecord> ordered = PeerResolver.order(List.of(srv("c", 20, 90), srv("a", 10, 0), srv("b", 10, 0)),
                new Draws().draw(0, 1).draw(0, 1).draw(0, 91));

        assertThat(targets(ordered)).containsExactly("a", "b", "c");
    }

    /**
     * Weights 10, 0 and 30 (sum 40): the zero-weight record first in the running sums (0, 10, 40),
     * so a draw of 5 picks the weight-10 one; then 0 (of 0..30) the zero-weight one; the last one
     * is drawn too, from 0..30.
     */
    @Test
    void theRunningSumOfTheWeightsLeftPicksTheNextRecord() throws TextParseException {
        List<SRVRecord> ordered = PeerResolver.order(List.of(srv("a", 1, 10), srv("b", 1, 0), srv("c", 1, 30)),
                new Draws().draw(5, 41).draw(0, 31).draw(17, 31));

        assertThat(targets(ordered)).containsExactly("a", "b", "c");
    }

    @Test
    void aDrawAboveTheLighterRecordsPicksTheHeavierOneFirst() throws TextParseException {
        List<SRVRecord> ordered = PeerResolver.order(List.of(srv("a", 1, 10), srv("b", 1, 0), srv("c", 1, 30)),
                new Draws().draw(11, 41).draw(1, 11).draw(0, 1));

        assertThat(targets(ordered)).containsExactly("c", "a", "b");
    }

    /** Over many draws (a seeded source: the same every run), each record comes first about as often as its weight says. */
    @Test
    void eachRecordComesFirstInProportionToItsWeight() throws TextParseException {
        List<SRVRecord> records = List.of(srv("light", 1, 20), srv("heavy", 1, 60), srv("other", 1, 20),
                srv("never", 1, 0));
        Random random = new Random(2782);
        Map<String, Integer> first = new HashMap<>();
        int runs = 10_000;
        for (int i = 0; i < runs; i++) {
            first.merge(targets(PeerResolver.order(records, random)).get(0), 1, Integer::sum);
        }

        assertThat(first.get("heavy")).isBetween(runs * 57 / 100, runs * 63 / 100);
        assertThat(first.get("light")).isBetween(runs * 17 / 100, runs * 23 / 100);
        assertThat(first.get("other")).isBetween(runs * 17 / 100, runs * 23 / 100);
        // A draw of exactly 0 (1 in 101) picks the zero-weight record.
        assertThat(first.getOrDefault("never", 0)).isBetween(1, runs * 2 / 100);
    }

    private static SRVRecord srv(String target, int priority, int weight) throws TextParseException {
        return new SRVRecord(Name.fromString("_xmpp-server._tcp.example."), DClass.IN, 300, priority, weight, 5269,
                Name.fromString(target + ".example."));
    }

    private static List<String> targets(List<SRVRecord> records) {
        return records.stream().map(service -> service.getTarget().getLabelString(0)).toList();
    }
}
