package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.account.AccountService;
import im.parley.it.blocking.BlockWithReport;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.xmpp.Jid;
import java.util.List;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Localpart;

/**
 * Hosts with settings of their own in one server: vCards off on one, registration open on
 * another, a lower offline limit on one, blocking off on a third, each seen by real clients of
 * the hosts.
 */
class PerHostSettingsTest {
    private static final String ONE = "one.example";
    private static final String TWO = "two.example";
    private static final String THREE = "three.example";
    private static final String VCARD = "vcard-temp";
    private static final String LIST_REPORTS = "urn:parley:admin:list-abuse-reports";

    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().config("""
            domain: ~
            admins: [admin@one.example, admin@two.example]
            hosts:
              - one.example:
                  registration: {open: true}
              - two.example:
                  vcard: {enabled: false}
                  search: {enabled: false}
                  offline: {max-messages-per-user: 1}
              - three.example:
                  blocking: {enabled: false}
            """);

    @BeforeAll
    static void createAccounts() {
        AccountService accounts = parley.server().server().accounts();
        for (String host : List.of(ONE, TWO)) {
            for (String user : List.of("alice", "bob", "admin")) {
                accounts.create(Jid.of(user, host, null), user + "-pw");
            }
        }
        accounts.create(Jid.of("carol", THREE, null), "carol-pw");
    }

    private static RecordingClient login(String user, String host) throws Exception {
        return parley.client(user).domain(host).password(user + "-pw").resource("desk").login();
    }

    @Test
    void aUserOfTheHostWithoutVCardsGetsServiceUnavailableWhileTheOtherHostStoresOne() throws Exception {
        try (RecordingClient aliceOne = login("alice", ONE); RecordingClient aliceTwo = login("alice", TWO)) {
            VCard card = new VCard();
            card.setNickName("Alice of one");
            VCardManager.getInstanceFor(aliceOne.connection()).saveVCard(card);
            assertThat(VCardManager.getInstanceFor(aliceOne.connection()).loadVCard().getNickName())
                    .isEqualTo("Alice of one");

            VCard refused = new VCard();
            refused.setNickName("Alice of two");
            assertThatThrownBy(() -> VCardManager.getInstanceFor(aliceTwo.connection()).saveVCard(refused))
                    .isInstanceOf(XMPPErrorException.class)
                    .satisfies(e -> assertThat(((XMPPErrorException) e).getStanzaError().getCondition())
                            .isEqualTo(StanzaError.Condition.service_unavailable));
        }
    }

    @Test
    void eachHostsDiscoShowsTheFeaturesOnForIt() throws Exception {
        try (RecordingClient aliceTwo = login("alice", TWO)) {
            ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(aliceTwo.connection());
            DiscoverInfo two = disco.discoverInfo(JidCreate.domainBareFrom(TWO));
            DiscoverInfo one = disco.discoverInfo(JidCreate.domainBareFrom(ONE));
            assertThat(two.containsFeature(VCARD)).isFalse();
            assertThat(one.containsFeature(VCARD)).isTrue();
            assertThat(disco.discoverInfo(aliceTwo.jid().asBareJid()).containsFeature(VCARD)).isFalse();
            // Registration is announced where it is open: XEP-0077 §7's feature on the server's JID.
            assertThat(one.containsFeature("jabber:iq:register")).isTrue();
            assertThat(two.containsFeature("jabber:iq:register")).isFalse();
        }
    }

    @Test
    void inBandRegistrationWorksOnTheHostThatOpensItAndIsRefusedOnTheOther() throws Exception {
        XMPPTCPConnection anonymousOne = parley.client("x").domain(ONE).password("y").connect().connection();
        XMPPTCPConnection anonymousTwo = parley.client("x").domain(TWO).password("y").connect().connection();
        try {
            AccountManager.getInstance(anonymousOne).createAccount(Localpart.from("erin"), "erin-pw");
            assertThatThrownBy(() -> AccountManager.getInstance(anonymousTwo).createAccount(Localpart.from("erin"), "pw"))
                    .isInstanceOf(XMPPErrorException.class)
                    .hasMessageContaining("service-unavailable");
        } finally {
            anonymousOne.disconnect();
            anonymousTwo.disconnect();
        }
        AccountService accounts = parley.server().server().accounts();
        assertThat(accounts.exists(Jid.of("erin", ONE, null))).isTrue();
        assertThat(accounts.exists(Jid.of("erin", TWO, null))).isFalse();
    }

    @Test
    void theLowerOfflineLimitHoldsOnItsHostOnly() throws Exception {
        try (RecordingClient aliceOne = login("alice", ONE)) {
            // bob of each host is offline: one.example keeps the global 1,000, two.example keeps 1.
            for (String body : List.of("first", "second")) {
                aliceOne.send(aliceOne.chat("bob@" + ONE, body));
                aliceOne.send(aliceOne.chat("bob@" + TWO, body));
            }
            Message error = aliceOne.awaitMessage(m -> m.getType() == Message.Type.error);
            assertThat(error.getFrom().toString()).isEqualTo("bob@" + TWO);
            assertThat(error.getBody()).isEqualTo("second");
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
        }
        try (RecordingClient bobOne = login("bob", ONE); RecordingClient bobTwo = login("bob", TWO)) {
            assertThat(bobOne.awaitReceived(Message.class, 2)).extracting(Message::getBody)
                    .containsExactly("first", "second");
            assertThat(bobTwo.awaitReceived(Message.class, 1)).extracting(Message::getBody).containsExactly("first");
        }
    }

    /**
     * A user's blocklist is their host's rule: it holds for what they send to a host without
     * blocking and for what comes from there, while users of that host have no blocklist at all.
     */
    @Test
    void aBlocklistHoldsAcrossHostsWhileTheHostWithoutBlockingHasNone() throws Exception {
        try (RecordingClient bobOne = login("bob", ONE); RecordingClient carol = login("carol", THREE)) {
            BlockingCommandManager.getInstanceFor(bobOne.connection()).blockContacts(List.of(carol.jid().asBareJid()));

            bobOne.send(bobOne.chat(carol, "never sent"));
            assertThat(bobOne.awaitMessage().getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
            carol.send(carol.chat(bobOne, "never delivered"));
            assertThat(carol.awaitMessage(m -> m.getType() == Message.Type.error).getError().getCondition())
                    .isEqualTo(StanzaError.Condition.service_unavailable);
            assertThatThrownBy(() -> BlockingCommandManager.getInstanceFor(carol.connection()).getBlockList())
                    .isInstanceOf(XMPPErrorException.class)
                    .hasMessageContaining("service-unavailable");
            assertThat(bobOne.received(Message.class)).noneMatch(m -> "never delivered".equals(m.getBody()));
        }
    }

    /** Each host's administrator lists the reports by its own users or about its own addresses, no others. */
    @Test
    void anAdministratorListsTheAbuseReportsOfItsOwnHostOnly() throws Exception {
        try (RecordingClient aliceOne = login("alice", ONE); RecordingClient bobTwo = login("bob", TWO)) {
            aliceOne.request(new BlockWithReport(JidCreate.entityBareFrom("spammer@elsewhere.example"),
                    BlockWithReport.SPAM));
            bobTwo.request(new BlockWithReport(JidCreate.entityBareFrom("alice@" + TWO), BlockWithReport.SPAM));
        }
        assertThat(listedReports(ONE)).containsExactly("alice@one.example reported spammer@elsewhere.example");
        assertThat(listedReports(TWO)).containsExactly("bob@two.example reported alice@two.example");
    }

    private static List<String> listedReports(String host) throws Exception {
        try (RecordingClient admin = login("admin", host)) {
            DataForm table = AdHocCommandManager.getInstance(admin.connection())
                    .getRemoteCommand(JidCreate.domainBareFrom(host), LIST_REPORTS).execute().asCompletedOrThrow()
                    .getResponse().getForm();
            return table.getItems().stream()
                    .map(row -> value(row, "reporter") + " reported " + value(row, "reported")).toList();
        }
    }

    private static String value(DataForm.Item row, String var) {
        return row.getFields().stream().filter(f -> f.getFieldName().equals(var)).map(FormField::getFirstValue)
                .findFirst().orElse(null);
    }
}
