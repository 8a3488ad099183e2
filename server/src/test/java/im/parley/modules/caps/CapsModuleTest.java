package im.parley.modules.caps;

import im.parley.module.Hosts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.config.ResourceConflict;
import im.parley.module.ModuleContext;
import im.parley.module.Origin;
import im.parley.module.ModuleRegistry;
import im.parley.modules.disco.DiscoModule;
import im.parley.router.RouteTable;
import im.parley.router.StanzaRouter;
import im.parley.session.RecordingSession;
import im.parley.session.SessionRegistry;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link CapsModule#features} answers as clients advertise caps and answer (or fail) the server's query. */
class CapsModuleTest {
    private static final String DOMAIN = "example.com";
    private static final String MUC = "http://jabber.org/protocol/muc";
    /** The §5.2 example: Exodus's identity and features hash to this ver. */
    private static final String EXODUS_VER = "QgayPKawpkPSDYmwT/WM94uAlu0=";

    private final SessionRegistry sessions = new SessionRegistry();
    private final ModuleRegistry modules = new ModuleRegistry(Hosts.of(DOMAIN), sessions);
    private final StanzaRouter router = new StanzaRouter(new RouteTable(List.of(DOMAIN)), sessions, user -> true, modules);
    private final ModuleContext context = modules.context(router, null, Hosts.of(DOMAIN));
    private CapsModule caps;

    /** A bound session that records what it is sent. */
    private static final class Client extends RecordingSession {
        Client(String jid) {
            super(Jid.parse(jid));
        }

        List<Stanza> discoQueries() {
            return delivered().stream().filter(s -> s.isIq() && s.payload().is("query", DiscoModule.INFO)).toList();
        }
    }

    @BeforeEach
    void wire() {
        modules.load(new DiscoModule(modules, "Test", (user, requester) -> false), context);
        // Only Romeo, of another server, is subscribed to an account's presence.
        caps = new CapsModule(modules, new CapsConfig(100, Duration.ofSeconds(5)),
                (user, requester) -> requester.equals(Jid.parse("romeo@montague.example")));
        modules.load(caps, context);
    }

    @Test
    void aVerifiedAnswerIsCachedForEveryClientWithTheSameVer() {
        Client juliet = connect("juliet@example.com/balcony", EXODUS_VER);
        Stanza query = awaitQuery(juliet);
        assertThat(query.payload().attribute("node")).isEqualTo("http://code.google.com/p/exodus#" + EXODUS_VER);
        assertThat(caps.features(juliet.jid())).as("unknown until verified").isEmpty();

        router.route(query.result(exodusInfo(MUC)));
        await().atMost(Duration.ofSeconds(5)).until(() -> caps.supports(juliet.jid(), MUC));

        Client romeo = connect("romeo@example.com/orchard", EXODUS_VER);
        assertThat(romeo.discoQueries()).isEmpty();
        assertThat(caps.supports(romeo.jid(), MUC)).isTrue();
        assertThat(caps.features(Jid.parse("nurse@example.com/kitchen"))).as("offline").isEmpty();
    }

    @Test
    void aMismatchingAnswerIsNotCachedAndTheNextAdvertiserIsAsked() {
        Client mallory = connect("mallory@example.com/lair", EXODUS_VER);
        Stanza query = awaitQuery(mallory);
        Client juliet = connect("juliet@example.com/balcony", EXODUS_VER);
        assertThat(juliet.discoQueries()).as("one query per ver at a time").isEmpty();

        router.route(query.result(exodusInfo("urn:evil")));
        Stanza second = awaitQuery(juliet);
        assertThat(caps.features(mallory.jid())).isEmpty();

        router.route(second.result(exodusInfo(MUC)));
        await().atMost(Duration.ofSeconds(5)).until(() -> caps.supports(juliet.jid(), MUC));
    }

    @Test
    void unavailablePresenceForgetsTheClientsCaps() {
        Client juliet = connect("juliet@example.com/balcony", EXODUS_VER);
        router.route(awaitQuery(juliet).result(exodusInfo(MUC)));
        await().atMost(Duration.ofSeconds(5)).until(() -> caps.supports(juliet.jid(), MUC));

        modules.clientStanza(juliet, Stanza.of(Element.builder("presence", Namespaces.STANZA)
                .attribute("type", "unavailable").attribute("from", juliet.jid().toString()).build()));
        assertThat(caps.features(juliet.jid())).isEmpty();
    }

    /**
     * A remote contact's caps, from the presence its server routes to a local account it is
     * subscribed to, are kept for that account (known caps told at once) until its unavailable
     * presence, or until the account goes offline; a stranger's are not kept.
     */
    @Test
    void aSubscribedRemoteContactsCapsAreKeptForTheAccountItsPresenceReached() {
        Client juliet = connect("juliet@example.com/balcony", EXODUS_VER);
        juliet.updatePresence(presence(juliet, EXODUS_VER));
        router.route(awaitQuery(juliet).result(exodusInfo(MUC)));
        await().atMost(Duration.ofSeconds(5)).until(() -> caps.supports(juliet.jid(), MUC));
        List<Jid> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        caps.onContactChange((account, resource, features) -> told.add(resource));
        Jid account = juliet.jid().bare();
        Jid romeo = Jid.parse("romeo@montague.example/orchard");
        Jid tybalt = Jid.parse("tybalt@capulet.example/street");

        fromServer(remotePresence(romeo, account, null));
        fromServer(remotePresence(tybalt, account, null));
        assertThat(told).containsExactly(romeo);
        assertThat(caps.contactResources(account, romeo.bare())).containsOnlyKeys(romeo);
        assertThat(caps.contactResources(account, romeo.bare()).get(romeo)).contains(MUC);
        assertThat(caps.contactResources(account, tybalt.bare())).as("not subscribed").isEmpty();

        fromServer(remotePresence(romeo, account, "unavailable"));
        assertThat(caps.contactResources(account, romeo.bare())).isEmpty();

        fromServer(remotePresence(romeo, account, null));
        assertThat(caps.contactResources(account, romeo.bare())).containsOnlyKeys(romeo);
        modules.clientStanza(juliet, Stanza.of(Element.builder("presence", Namespaces.STANZA)
                .attribute("type", "unavailable").attribute("from", juliet.jid().toString()).build()));
        assertThat(caps.contactResources(account, romeo.bare())).as("the account went offline").isEmpty();
    }

    private void fromServer(Stanza stanza) {
        router.route(stanza, Origin.server(new InetSocketAddress("127.0.0.1", 5269)));
    }

    private static Stanza remotePresence(Jid from, Jid to, String type) {
        return Stanza.of(Element.builder("presence", Namespaces.STANZA).attribute("from", from.toString())
                .attribute("to", to.toString()).attribute("type", type)
                .child(new EntityCaps("sha-1", "http://code.google.com/p/exodus", EXODUS_VER).toElement()).build());
    }

    @Test
    void theServersOwnCapsNodeIsAnsweredWithItsInfo() {
        Client juliet = connect("juliet@example.com/balcony", null);
        EntityCaps server = caps.serverCaps(DOMAIN);
        router.route(Stanza.of(Element.builder("iq", Namespaces.STANZA).attribute("type", "get").attribute("id", "1")
                .attribute("from", juliet.jid().toString()).attribute("to", DOMAIN)
                .child(Element.builder("query", DiscoModule.INFO).attribute("node", server.discoNode()).build())
                .build()));

        Element answer = juliet.delivered().getLast().payload();
        assertThat(answer.attribute("node")).isEqualTo(server.discoNode());
        assertThat(VerificationString.of(DiscoInfo.parse(answer), "sha-1")).isEqualTo(server.ver());
    }

    /** Binds a client and passes its broadcast presence (with Exodus caps of {@code ver}, if any) through the hooks. */
    private Client connect(String jid, String ver) {
        Client client = new Client(jid);
        sessions.bind(client, ResourceConflict.REFUSE);
        modules.clientStanza(client, presence(client, ver));
        return client;
    }

    private static Stanza presence(Client client, String ver) {
        Element.Builder presence = Element.builder("presence", Namespaces.STANZA)
                .attribute("from", client.jid().toString());
        if (ver != null) {
            presence.child(new EntityCaps("sha-1", "http://code.google.com/p/exodus", ver).toElement());
        }
        return Stanza.of(presence.build());
    }

    private static Stanza awaitQuery(Client client) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.discoQueries().isEmpty());
        return client.discoQueries().getLast();
    }

    /** Exodus's identity and the caps and disco features plus {@code extra}: the §5.2 info when extra is muc. */
    private static Element exodusInfo(String extra) {
        Element.Builder query = Element.builder("query", DiscoModule.INFO)
                .child(Element.builder("identity", DiscoModule.INFO).attribute("category", "client")
                        .attribute("type", "pc").attribute("name", "Exodus 0.9.1").build());
        for (String feature : List.of(EntityCaps.NAMESPACE, DiscoModule.INFO, DiscoModule.ITEMS, extra)) {
            query.child(Element.builder("feature", DiscoModule.INFO).attribute("var", feature).build());
        }
        return query.build();
    }
}
