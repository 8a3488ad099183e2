package im.parley.modules.blocking;

import im.parley.module.Hosts;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.config.ResourceConflict;
import im.parley.module.ModuleRegistry;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.modules.roster.Roster;
import im.parley.modules.roster.RosterItem;
import im.parley.modules.roster.Subscription;
import im.parley.router.RouteTable;
import im.parley.router.StanzaRouter;
import im.parley.session.RecordingSession;
import im.parley.session.SessionRegistry;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blocking IQs as the router hands them to the module, with in-memory storage. */
class BlockingModuleTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Jid JULIET = Jid.parse("juliet@example.com/chamber");

    private final SessionRegistry sessions = new SessionRegistry();
    private final ModuleRegistry modules = new ModuleRegistry(Hosts.of("example.com"), sessions);
    private final StanzaRouter router = new StanzaRouter(new RouteTable(List.of("example.com")), sessions,
            account -> Set.of("juliet", "romeo").contains(account.local()), modules);
    private final List<AbuseReport> reports = new ArrayList<>();
    private final Map<Jid, Set<Jid>> stored = new HashMap<>();
    private final AdHocCommands commands = new AdHocCommands();
    private Recording juliet;
    /** Nobody is subscribed to anybody: unblocking then sends no presence. */
    private static final Roster NO_CONTACTS = new Roster() {
        @Override
        public Subscription subscription(Jid owner, Jid contact) {
            return Subscription.NONE;
        }

        @Override
        public boolean isInRoster(Jid owner, Jid contact) {
            return false;
        }

        @Override
        public java.util.Optional<RosterItem> item(Jid owner, Jid contact) {
            return java.util.Optional.empty();
        }

        @Override
        public List<RosterItem> items(Jid owner) {
            return List.of();
        }

        @Override
        public List<Jid> subscribers(Jid owner) {
            return List.of();
        }

        @Override
        public void onItemChange(Listener listener) {
            // These rosters never change.
        }

        @Override
        public void onSubscribed(Listener listener) {
            // These rosters never change.
        }
    };

    @BeforeEach
    void load() {
        modules.load(new BlockingModule(new Blocklists(new MapRepository()), NO_CONTACTS, new ListRepository(), commands,
                List.of("admin@example.com"), Clock.fixed(NOW, ZoneOffset.UTC)), modules.context(router, null, Hosts.of("example.com")));
        juliet = new Recording(JULIET);
        sessions.bind(juliet, ResourceConflict.REPLACE);
    }

    @Test
    void aReportInABlockItemIsStoredWithItsStanzaIds() {
        send(iq("set", Element.builder("block", BlockingModule.NAMESPACE).child(item("romeo@example.com",
                Element.builder("report", AbuseReport.NAMESPACE).attribute("reason", "urn:xmpp:reporting:spam")
                        .child(Element.builder("stanza-id", "urn:xmpp:sid:0").attribute("by", "juliet@example.com")
                                .attribute("id", "s-1").build())
                        .child(Element.builder("text", AbuseReport.NAMESPACE).text("spam!").build())
                        .build())).build()));

        assertThat(juliet.lastType()).isEqualTo("result");
        assertThat(stored.get(JULIET.bare())).containsExactly(Jid.parse("romeo@example.com"));
        assertThat(reports).containsExactly(new AbuseReport(Jid.parse("juliet@example.com"),
                Jid.parse("romeo@example.com"), "urn:xmpp:reporting:spam", "spam!",
                List.of(new AbuseReport.StanzaId("s-1", "juliet@example.com")), NOW));
        assertThat(commands.get(ListAbuseReportsCommand.NODE)).isNotNull();
    }

    @Test
    void anEmptyBlockIsABadRequest() {
        send(iq("set", Element.of("block", BlockingModule.NAMESPACE)));
        assertThat(juliet.lastErrorCondition()).isEqualTo("bad-request");
    }

    @Test
    void anInvalidAddressIsJidMalformedAndNothingIsBlocked() {
        send(iq("set", Element.builder("block", BlockingModule.NAMESPACE).child(item("romeo@example.com", null))
                .child(item("@", null)).build()));
        assertThat(juliet.lastErrorCondition()).isEqualTo("jid-malformed");
        assertThat(stored.getOrDefault(JULIET.bare(), Set.of())).isEmpty();
    }

    @Test
    void anotherUsersBlocklistIsForbidden() {
        send(iq("get", Element.of("blocklist", BlockingModule.NAMESPACE)).withTo(Jid.parse("romeo@example.com")));
        assertThat(juliet.lastErrorCondition()).isEqualTo("forbidden");
    }

    private void send(Stanza iq) {
        router.route(iq);
    }

    private static Stanza iq(String type, Element payload) {
        return Stanza.of(Element.builder("iq", Namespaces.STANZA).attribute("type", type).attribute("id", "q1")
                .child(payload).build()).withFrom(JULIET);
    }

    private static Element item(String jid, Element report) {
        return Element.builder("item", BlockingModule.NAMESPACE).attribute("jid", jid).child(report).build();
    }

    private final class MapRepository implements BlocklistRepository {
        @Override
        public Set<Jid> load(Jid user) {
            return new HashSet<>(stored.getOrDefault(user, Set.of()));
        }

        @Override
        public void add(Jid user, java.util.Collection<Jid> jids) {
            stored.computeIfAbsent(user, u -> new HashSet<>()).addAll(jids);
        }

        @Override
        public void remove(Jid user, java.util.Collection<Jid> jids) {
            stored.getOrDefault(user, new HashSet<>()).removeAll(jids);
        }

        @Override
        public void removeAll(Jid user) {
            stored.remove(user);
        }
    }

    private final class ListRepository implements AbuseReportRepository {
        @Override
        public void add(AbuseReport report) {
            reports.add(report);
        }

        @Override
        public List<AbuseReport> latest(String host, int limit) {
            return reports.stream().filter(r -> r.reporter().domain().equals(host) || r.reported().domain().equals(host))
                    .limit(limit).toList();
        }
    }

    /** A bound session that keeps what it is handed. */
    private static final class Recording extends RecordingSession {
        Recording(Jid jid) {
            super(jid);
        }

        String lastType() {
            return delivered().getLast().type();
        }

        String lastErrorCondition() {
            Element error = delivered().getLast().element().child("error", Namespaces.STANZA);
            return error.firstElement().name();
        }
    }
}
