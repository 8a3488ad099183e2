package im.parley.it.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.it.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandResult;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** The ad-hoc commands (XEP-0050) of blocking and privacy, run by real clients. */
class BlockingCommandsTest {
    private static final String REFUSE_STRANGERS = "urn:parley:privacy:refuse-strangers";
    private static final String LIST_REPORTS = "urn:parley:admin:list-abuse-reports";

    private TestServer server;
    private XMPPTCPConnection alice;
    private XMPPTCPConnection bob;
    private final List<Message> toAlice = new CopyOnWriteArrayList<>();
    private final List<Message> toBob = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("admins: [admin@localhost]\n");
        server.addUser("admin", "admin-pw");
        server.addUser("alice", "alice-pw");
        server.addUser("bob", "bob-pw");
        alice = server.login("alice", "alice-pw", "phone");
        bob = server.login("bob", "bob-pw", "laptop");
        alice.addStanzaListener(s -> toAlice.add((Message) s), s -> s instanceof Message);
        bob.addStanzaListener(s -> toBob.add((Message) s), s -> s instanceof Message);
    }

    @AfterEach
    void stop() throws Exception {
        alice.disconnect();
        bob.disconnect();
        server.close();
    }

    @Test
    void aliceRefusesStrangersThenAcceptsThemAgain() throws Exception {
        setRefuseStrangers(true);
        bob.sendStanza(chat("are you there?"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !toBob.isEmpty());
        assertThat(toBob.get(0).getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        setRefuseStrangers(false);
        bob.sendStanza(chat("and now?"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !toAlice.isEmpty());
        assertThat(toAlice).extracting(Message::getBody).containsExactly("and now?");
    }

    @Test
    void anAdministratorListsTheSpamReportAliceSent() throws Exception {
        alice.sendIqRequestAndWaitForResponse(new BlockWithReport(bob.getUser().asEntityBareJid(), BlockWithReport.SPAM));
        XMPPTCPConnection admin = server.login("admin", "admin-pw", "console");
        try {
            AdHocCommandResult.StatusCompleted result = command(admin, LIST_REPORTS).execute().asCompletedOrThrow();
            List<DataForm.Item> rows = result.getResponse().getForm().getItems();
            assertThat(rows).hasSize(1);
            assertThat(value(rows.get(0), "reporter")).isEqualTo("alice@localhost");
            assertThat(value(rows.get(0), "reported")).isEqualTo("bob@localhost");
            assertThat(value(rows.get(0), "reason")).isEqualTo(BlockWithReport.SPAM);
            assertThat(value(rows.get(0), "text")).isEqualTo("Buy cheap swords");
            assertThat(value(rows.get(0), "stanza-ids")).isEqualTo("28482-98726-73623 by alice@localhost");
        } finally {
            admin.disconnect();
        }
    }

    @Test
    void theReportListIsNotOfferedToUsers() throws Exception {
        assertThat(AdHocCommandManager.getInstance(alice).discoverCommands(JidCreate.domainBareFrom("localhost"))
                .getItems()).extracting(item -> item.getNode()).contains(REFUSE_STRANGERS).doesNotContain(LIST_REPORTS);
    }

    private void setRefuseStrangers(boolean refuse) throws Exception {
        AdHocCommand command = command(alice, REFUSE_STRANGERS);
        FillableForm form = command.execute().asExecutingOrThrow().getFillableForm();
        form.setAnswer("refuse-strangers", refuse);
        assertThat(command.execute(form).isCompleted()).isTrue();
    }

    private static AdHocCommand command(XMPPTCPConnection connection, String node) throws Exception {
        return AdHocCommandManager.getInstance(connection).getRemoteCommand(JidCreate.domainBareFrom("localhost"), node);
    }

    private static String value(DataForm.Item row, String var) {
        return row.getFields().stream().filter(f -> f.getFieldName().equals(var)).map(FormField::getFirstValue)
                .findFirst().orElse(null);
    }

    private Message chat(String body) {
        return bob.getStanzaFactory().buildMessageStanza().to(alice.getUser()).ofType(Message.Type.chat)
                .setBody(body).build();
    }
}
