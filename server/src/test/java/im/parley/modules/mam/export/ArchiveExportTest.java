package im.parley.modules.mam.export;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.ArchivePositions;
import im.parley.store.ArchiveStore;
import im.parley.store.ArchiveStore.Entry;
import im.parley.store.JdbcArchiveStore;
import im.parley.store.StoreContractTest;
import im.parley.xmpp.Jid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An export of 10,000 messages verifies; one changed byte, a removed line or two swapped lines do not. */
class ArchiveExportTest extends StoreContractTest {
    private static final Jid JULIET = Jid.parse("juliet@capulet.example");
    private static final Jid NURSE = Jid.parse("nurse@capulet.example");
    private static final Jid ROMEO = Jid.parse("romeo@montague.example");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final int MESSAGES = 10_000;

    private ArchiveStore archive;

    /** Three owners on two hosts, their messages interleaved in arrival order, one a second. */
    @BeforeEach
    void archive() {
        archive = new JdbcArchiveStore(database.jdbc(), "mam");
        List<Jid> owners = List.of(ROMEO, JULIET, NURSE);
        List<Entry> batch = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            Jid owner = owners.get(i % 3);
            batch.add(new Entry(ArchivePositions.of(T0.plusSeconds(i)), owner, JULIET, message(owner, i)));
            if (batch.size() == 500) {
                archive.append(batch);
                batch.clear();
            }
        }
    }

    /** The stanza id of the i-th message (archived i seconds after T0). */
    private static String id(int i) {
        return ArchivePositions.key(ArchivePositions.of(T0.plusSeconds(i)));
    }

    private static String message(Jid owner, int i) {
        return "<message xmlns=\"jabber:client\" from=\"juliet@capulet.example/balcony\" to=\"" + owner
                + "\" type=\"chat\" id=\"m" + i + "\"><body>line " + i + " \"quoted\"\n\uD83C\uDF39</body></message>";
    }

    @Test
    void tenThousandMessagesExportInArchiveOrderPerOwnerAndVerify() throws IOException {
        String export = export(ArchiveExport.Scope.all(), null, null, MESSAGES);
        List<String> lines = export.lines().toList();
        assertThat(lines).hasSize(MESSAGES);

        ExportVerifier.Result result = verify(export);
        assertThat(result.ok()).as(result.problem()).isTrue();
        assertThat(result.lines()).isEqualTo(MESSAGES);
        assertThat(result.head()).isEqualTo(JsonText.readFlatObject(lines.getLast()).get("hash"));

        // Owners by host, then user name; each owner's messages in arrival order.
        Map<String, String> first = JsonText.readFlatObject(lines.getFirst());
        assertThat(first.get("prev")).isEqualTo(HashChain.GENESIS);
        assertThat(first).containsEntry("owner", "juliet@capulet.example").containsEntry("stanza-id", id(1))
                .containsEntry("from", "juliet@capulet.example/balcony").containsEntry("to", "juliet@capulet.example")
                .containsEntry("time", T0.plusSeconds(1).toString()).containsEntry("body", "line 1 \"quoted\"\n\uD83C\uDF39")
                .containsEntry("stanza", message(JULIET, 1));
        assertThat(List.copyOf(first.keySet()))
                .containsExactly("prev", "owner", "from", "to", "time", "stanza-id", "body", "stanza", "hash");
        assertThat(lines.stream().map(line -> JsonText.readFlatObject(line).get("owner")).distinct())
                .containsExactly("juliet@capulet.example", "nurse@capulet.example", "romeo@montague.example");
        assertThat(lines.stream().filter(line -> line.contains("\"owner\":\"nurse@"))
                .map(line -> Instant.parse(JsonText.readFlatObject(line).get("time"))))
                .isSorted().hasSize(MESSAGES / 3);
    }

    @Test
    void oneChangedByteIsReportedAtItsLine() throws IOException {
        List<String> lines = new ArrayList<>(export(ArchiveExport.Scope.all(), null, null, MESSAGES).lines().toList());
        lines.set(4_999, lines.get(4_999).replaceFirst("<body>line ", "<body>Line "));

        ExportVerifier.Result result = verify(String.join("\n", lines) + "\n");
        assertThat(result.brokenLine()).isEqualTo(5_000);
        assertThat(result.problem()).startsWith("hash mismatch");
        assertThat(result.lines()).isEqualTo(4_999);
    }

    @Test
    void aRemovedLineAndSwappedLinesBreakTheChainWhereTheyAre() throws IOException {
        List<String> lines = export(ArchiveExport.Scope.all(), null, null, MESSAGES).lines().toList();
        List<String> removed = new ArrayList<>(lines);
        removed.remove(1_233);
        ExportVerifier.Result afterRemoval = verify(String.join("\n", removed) + "\n");
        assertThat(afterRemoval.brokenLine()).isEqualTo(1_234);
        assertThat(afterRemoval.problem()).startsWith("chain broken");

        List<String> swapped = new ArrayList<>(lines);
        Collections.swap(swapped, 7_000, 7_001);
        assertThat(verify(String.join("\n", swapped) + "\n").brokenLine()).isEqualTo(7_001);

        List<String> firstRemoved = lines.subList(1, lines.size());
        assertThat(verify(String.join("\n", firstRemoved) + "\n").problem()).contains("genesis");
        assertThat(verify(lines.getFirst() + "\n{\"prev\":\n").problem()).startsWith("not JSON");
    }

    @Test
    void aScopeAndATimeRangeSelectTheirMessages() throws IOException {
        String romeos = export(new ArchiveExport.Scope(ROMEO, null), T0.plusSeconds(3), T0.plusSeconds(9), 3);
        assertThat(romeos.lines().map(line -> JsonText.readFlatObject(line).get("stanza-id")))
                .containsExactly(id(3), id(6), id(9));
        assertThat(verify(romeos).ok()).isTrue();
        String capulets = export(new ArchiveExport.Scope(null, "capulet.example"), null, T0.plusSeconds(5), 4);
        assertThat(capulets.lines().map(line -> JsonText.readFlatObject(line).get("stanza-id")))
                .containsExactly(id(1), id(4), id(2), id(5));
        assertThat(export(new ArchiveExport.Scope(null, "elsewhere.example"), null, null, 0)).isEmpty();
    }

    /** The export, with a small page so that paging is exercised; checks the line count it reports. */
    private String export(ArchiveExport.Scope scope, Instant from, Instant to, int expected) throws IOException {
        StringWriter out = new StringWriter();
        ArchiveExport.Summary summary = new ArchiveExport(archive, 7).write(scope, from, to, out);
        assertThat(summary.lines()).isEqualTo(expected);
        return out.toString();
    }

    private static ExportVerifier.Result verify(String export) throws IOException {
        return ExportVerifier.verify(new ByteArrayInputStream(export.getBytes(StandardCharsets.UTF_8)));
    }
}
