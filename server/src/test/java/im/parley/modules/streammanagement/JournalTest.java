package im.parley.modules.streammanagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.module.Hosts;
import im.parley.session.ClientSession;
import im.parley.session.DeliveryJournal;
import im.parley.session.ResumableSessions;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JournalTest {
    private static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");
    private final MemoryStore store = new MemoryStore();
    private final Journal journal = new Journal(store, Hosts.of("example.net"), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void keepsOnlyChatAndNormalMessagesToLocalAccounts() {
        assertThat(journal.record(message("chat", "bob@example.net"))).isNotNull();
        assertThat(journal.record(message("normal", "bob@example.net/desk"))).isNotNull();
        assertThat(journal.record(message("headline", "bob@example.net"))).isNull();
        assertThat(journal.record(message("groupchat", "room@conference.example.net"))).isNull();
        assertThat(journal.record(message("chat", "bob@elsewhere.org"))).isNull();
        assertThat(journal.record(Stanza.of(Element.builder("presence", Namespaces.STANZA)
                .attribute("from", "alice@example.net/phone").attribute("to", "bob@example.net").build()))).isNull();
    }

    @Test
    void aMessageNoSessionKeptIsNeverWritten() {
        DeliveryJournal.Entry entry = journal.record(message("chat", "bob@example.net"));
        entry.release();

        assertThat(entry.written()).isDone();
        assertThat(store.writes).isZero();
    }

    @Test
    void aMessageASessionKeepsIsWrittenUntilItsLastHolderLetsGo() throws Exception {
        DeliveryJournal.Entry entry = journal.record(message("chat", "bob@example.net"));
        entry.hold();
        entry.hold();
        entry.release();
        entry.written().get();

        assertThat(store.rows).hasSize(1);
        entry.release();
        assertThat(store.rows).hasSize(1);
        entry.release();
        await().atMost(Duration.ofSeconds(5)).until(store.rows::isEmpty);
    }

    @Test
    void whatACrashLeftGoesWhereUnacknowledgedStanzasGoWithItsReceptionTimeThenLeaves() {
        Instant received = Instant.parse("2026-12-06T17:00:00.250Z");
        store.write(List.of(new JournalStore.Journaled(7, received,
                XmlText.write(message("chat", "bob@example.net").element()))), List.of());
        List<Stanza> handedOn = new ArrayList<>();

        journal.recover(new Recipient(handedOn));

        assertThat(handedOn).hasSize(1);
        Element delay = handedOn.getFirst().element().child("delay", Namespaces.DELAY);
        assertThat(delay.attribute("stamp")).isEqualTo("2026-12-06T17:00:00.250Z");
        assertThat(delay.attribute("from")).isEqualTo("example.net");
        assertThat(store.rows).isEmpty();
    }

    @Test
    void newIdsFollowTheLargestStoredOne() throws Exception {
        store.write(List.of(new JournalStore.Journaled(41, NOW, "<message/>")), List.of());
        try (Journal restarted = new Journal(store, Hosts.of("example.net"), Clock.systemUTC())) {
            DeliveryJournal.Entry entry = restarted.record(message("chat", "bob@example.net"));
            entry.hold();
            entry.written().get();
        }
        assertThat(store.rows.keySet()).containsExactly(41L, 42L);
    }

    private static Stanza message(String type, String to) {
        return Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("from", "alice@example.net/phone")
                .attribute("to", to).attribute("type", type)
                .child(Element.builder("body", Namespaces.STANZA).text("hi").build()).build());
    }

    private static final class MemoryStore implements JournalStore {
        final Map<Long, Journaled> rows = new TreeMap<>();
        int writes;

        @Override
        public synchronized void write(List<Journaled> added, Collection<Long> removed) {
            writes++;
            added.forEach(row -> rows.put(row.id(), row));
            removed.forEach(rows::remove);
        }

        @Override
        public synchronized List<Journaled> oldest(int limit) {
            return rows.values().stream().limit(limit).toList();
        }

        @Override
        public synchronized long largestId() {
            return rows.isEmpty() ? 0 : ((TreeMap<Long, Journaled>) rows).lastKey();
        }
    }

    private record Recipient(List<Stanza> handedOn) implements ResumableSessions {
        @Override
        public String keep(ClientSession session, Duration window) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ClientSession find(String id) {
            return null;
        }

        @Override
        public Ended ended(String id) {
            return null;
        }

        @Override
        public void undelivered(Stanza stanza) {
            handedOn.add(stanza);
        }
    }
}
