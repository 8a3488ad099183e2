package im.parley.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.admin.ServiceAdministrationManager;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandResult;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An admin runs XEP-0133 commands over XEP-0050 with real Smack clients; the effects are seen by the other clients. */
class ServiceAdministrationTest {
    private static final String ADMIN_NODE = "http://jabber.org/protocol/admin#";
    private static final String COMMANDS = "http://jabber.org/protocol/commands";
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().admin("admin").users("alice");
    private static DomainBareJid domain;
    @Login("admin/console")
    XMPPTCPConnection admin;

    @BeforeAll
    static void start() throws Exception {
        domain = JidCreate.domainBareFrom(TestServer.DOMAIN);
    }

    private static XMPPTCPConnection login(String user, String password, String resource) throws Exception {
        return parley.client(user).password(password).resource(resource).login().connection();
    }

    private AdHocCommand command(XMPPTCPConnection connection, String useCase) {
        return AdHocCommandManager.getInstance(connection).getRemoteCommand(domain, ADMIN_NODE + useCase);
    }

    /** Runs a one-form command: execute, fill in, submit; returns the final result. */
    private AdHocCommandResult run(String useCase, String var, String... values) throws Exception {
        AdHocCommand command = command(admin, useCase);
        FillableForm form = command.execute().asExecutingOrThrow().getFillableForm();
        form.setAnswer(var, List.of(values));
        return command.execute(form);
    }

    /** A request for the add-user command in a given session, built by hand. */
    private AdHocCommandData request(String sessionId, AdHocCommandData.Action action) {
        return AdHocCommandData.builder(ADMIN_NODE + "add-user", admin)
                .ofType(IQ.Type.set).to(domain)
                .setSessionId(sessionId)
                .setAction(action)
                .build();
    }

    @Test
    void anAddedUserCanLogInAndADeletedOneCannot() throws Exception {
        ServiceAdministrationManager manager = ServiceAdministrationManager.getInstanceFor(admin);
        manager.addUser(JidCreate.entityBareFrom("carol@localhost"), "carol-pw");
        XMPPTCPConnection carol = login("carol", "carol-pw", "phone");
        assertThat(carol.isAuthenticated()).isTrue();

        AtomicReference<Exception> closedWith = new AtomicReference<>();
        carol.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closedWith.set(e);
            }
        });
        manager.deleteUser(JidCreate.entityBareFrom("carol@localhost"));
        await().atMost(Duration.ofSeconds(5)).until(() -> closedWith.get() != null);
        assertThat(((StreamErrorException) closedWith.get()).getStreamError().getCondition())
                .isEqualTo(StreamError.Condition.not_authorized);
        assertThatThrownBy(() -> login("carol", "carol-pw", "phone")).isInstanceOf(Exception.class);
    }

    @Test
    void addingAnExistingUserIsAConflict() {
        assertThatThrownBy(() -> ServiceAdministrationManager.getInstanceFor(admin)
                .addUser(JidCreate.entityBareFrom("alice@localhost"), "other"))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.conflict));
    }

    @Test
    void theUserLogsInWithTheChangedPassword() throws Exception {
        parley.server().addUser("dave", "old-pw");
        AdHocCommand command = command(admin, "change-user-password");
        FillableForm form = command.execute().asExecutingOrThrow().getFillableForm();
        form.setAnswer("accountjid", "dave@localhost");
        form.setAnswer("password", "new-pw");
        assertThat(command.execute(form).isCompleted()).isTrue();

        assertThat(login("dave", "new-pw", "pc").isAuthenticated()).isTrue();
        assertThatThrownBy(() -> login("dave", "old-pw", "pc")).isInstanceOf(Exception.class);
    }

    @Test
    void theOnlineUsersListAndCountShowTheLoggedInUsers() throws Exception {
        login("alice", "alice-pw", "a");
        login("alice", "alice-pw", "b");

        AdHocCommandResult list = command(admin, "get-online-users-list").execute();
        AdHocCommandResult count = command(admin, "get-online-users-num").execute();

        assertThat(list.isCompleted()).isTrue();
        assertThat(list.getResponse().getForm().getField("onlineuserjids").getValuesAsString())
                .containsExactly("admin@localhost", "alice@localhost");
        assertThat(count.getResponse().getForm().getField("onlineusersnum").getFirstValue()).isEqualTo("2");
    }

    @Test
    void anAnnouncementArrivesAtEveryOnlineSession() throws Exception {
        List<Message> received = new CopyOnWriteArrayList<>();
        login("alice", "alice-pw", "a").addStanzaListener(s -> received.add((Message) s), s -> s instanceof Message);
        login("alice", "alice-pw", "b").addStanzaListener(s -> received.add((Message) s), s -> s instanceof Message);

        assertThat(run("announce", "announcement", "Maintenance at noon.", "Sorry.").isCompleted()).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received).allSatisfy(m -> {
            assertThat(m.getBody()).isEqualTo("Maintenance at noon.\nSorry.");
            assertThat(m.getType()).isEqualTo(Message.Type.headline);
            assertThat(m.getFrom().toString()).isEqualTo("localhost");
        });
        assertThat(received).extracting(m -> m.getTo().toString())
                .containsExactlyInAnyOrder("alice@localhost/a", "alice@localhost/b");
    }

    @Test
    void endingASessionClosesItWithPolicyViolationAndTheOthersKeepWorking() throws Exception {
        XMPPTCPConnection kicked = login("alice", "alice-pw", "a");
        XMPPTCPConnection stays = login("alice", "alice-pw", "b");
        AtomicReference<Exception> closedWith = new AtomicReference<>();
        kicked.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closedWith.set(e);
            }
        });
        List<Message> atStays = new CopyOnWriteArrayList<>();
        stays.addStanzaListener(s -> atStays.add((Message) s), s -> s instanceof Message);

        assertThat(run("end-user-session", "accountjids", "alice@localhost/a").isCompleted()).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> closedWith.get() != null);
        assertThat(((StreamErrorException) closedWith.get()).getStreamError().getCondition())
                .isEqualTo(StreamError.Condition.policy_violation);
        admin.sendStanza(admin.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from("alice@localhost/b")).setBody("still there?").build());
        await().atMost(Duration.ofSeconds(5)).until(() -> atStays.size() == 1);
        assertThat(atStays.get(0).getBody()).isEqualTo("still there?");
    }

    @Test
    void aNonAdminSeesNoAdminCommandsAndIsForbidden() throws Exception {
        XMPPTCPConnection alice = login("alice", "alice-pw", "a");
        DiscoverItems forAlice = AdHocCommandManager.getInstance(alice).discoverCommands(domain);
        DiscoverItems forAdmin = AdHocCommandManager.getInstance(admin).discoverCommands(domain);

        // Users see their own commands (directory listing, privacy), never the administration ones.
        assertThat(forAlice.getItems()).extracting(DiscoverItems.Item::getNode)
                .noneMatch(node -> node.startsWith(ADMIN_NODE));
        assertThat(forAdmin.getItems()).extracting(DiscoverItems.Item::getNode)
                .contains(ADMIN_NODE + "add-user", ADMIN_NODE + "delete-user", ADMIN_NODE + "announce");
        assertThatThrownBy(() -> command(alice, "add-user").execute())
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.forbidden));
    }

    @Test
    void aCanceledSessionIsOverAndItsIdExpired() throws Exception {
        AdHocCommand command = command(admin, "add-user");
        FillableForm form = command.execute().asExecutingOrThrow().getFillableForm();
        // Smack 4.5.0-beta5's AdHocCommand.cancel() cannot parse the canceled status it asks for, so send it by hand.
        AdHocCommandData canceled = admin.sendIqRequestAndWaitForResponse(request(command.getSessionId(),
                AdHocCommandData.Action.cancel));
        assertThat(canceled.getStatus()).isEqualTo(AdHocCommandData.Status.canceled);
        form.setAnswer("accountjid", "erin@localhost");
        form.setAnswer("password", "erin-pw");

        assertThatThrownBy(() -> command.execute(form))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                    assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
                    assertThat((Object) e.getStanzaError().getExtension("session-expired", COMMANDS)).isNotNull();
                });
        assertThat(parley.server().server().accounts().exists(parley.server().user("erin"))).isFalse();
    }

    @Test
    void anUnknownSessionIdIsABadSessionId() {
        assertThatThrownBy(() -> admin.sendIqRequestAndWaitForResponse(
                request("no-such-session", AdHocCommandData.Action.execute)))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                    assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.bad_request);
                    assertThat((Object) e.getStanzaError().getExtension("bad-sessionid", COMMANDS)).isNotNull();
                });
    }
}
