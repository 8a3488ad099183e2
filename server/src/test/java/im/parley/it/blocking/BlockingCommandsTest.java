package im.parley.it.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandResult;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** The ad-hoc commands (XEP-0050) of blocking and privacy, run by real clients. */
class BlockingCommandsTest {
    private static final String REFUSE_STRANGERS = "urn:parley:privacy:refuse-strangers";
    private static final String LIST_REPORTS = "urn:parley:admin:list-abuse-reports";

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().admin("admin").users("alice", "bob");
    @Login("alice/phone")
    RecordingClient alice;
    @Login("bob/laptop")
    RecordingClient bob;

    @Test
    void aliceRefusesStrangersThenAcceptsThemAgain() throws Exception {
        setRefuseStrangers(true);
        bob.send(bob.chat(alice, "are you there?"));
        assertThat(bob.awaitMessage().getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        setRefuseStrangers(false);
        bob.send(bob.chat(alice, "and now?"));
        alice.awaitMessage();
        assertThat(alice.received(Message.class)).extracting(Message::getBody).containsExactly("and now?");
    }

    @Test
    void anAdministratorListsTheSpamReportAliceSent() throws Exception {
        alice.request(new BlockWithReport(bob.jid().asEntityBareJid(), BlockWithReport.SPAM));
        XMPPTCPConnection admin = parley.login("admin", "console").connection();
        AdHocCommandResult.StatusCompleted result = command(admin, LIST_REPORTS).execute().asCompletedOrThrow();
        List<DataForm.Item> rows = result.getResponse().getForm().getItems();
        assertThat(rows).hasSize(1);
        assertThat(value(rows.get(0), "reporter")).isEqualTo("alice@localhost");
        assertThat(value(rows.get(0), "reported")).isEqualTo("bob@localhost");
        assertThat(value(rows.get(0), "reason")).isEqualTo(BlockWithReport.SPAM);
        assertThat(value(rows.get(0), "text")).isEqualTo("Buy cheap swords");
        assertThat(value(rows.get(0), "stanza-ids")).isEqualTo("28482-98726-73623 by alice@localhost");
    }

    @Test
    void theReportListIsNotOfferedToUsers() throws Exception {
        assertThat(AdHocCommandManager.getInstance(alice.connection()).discoverCommands(JidCreate.domainBareFrom("localhost"))
                .getItems()).extracting(item -> item.getNode()).contains(REFUSE_STRANGERS).doesNotContain(LIST_REPORTS);
    }

    private void setRefuseStrangers(boolean refuse) throws Exception {
        AdHocCommand command = command(alice.connection(), REFUSE_STRANGERS);
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
}
