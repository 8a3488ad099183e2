package im.parley.modules.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.ParleyServer;
import im.parley.config.StoreConfig;
import im.parley.modules.adhoc.AdHocCommand.Step;
import im.parley.store.Database;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user setting, changed with its ad-hoc command and kept in the database. */
class RefuseStrangersCommandTest {
    private static final Jid ALICE = Jid.parse("alice@localhost/phone");

    @TempDir
    Path dataDir;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(StoreConfig.EMBEDDED, dataDir);
        ParleyServer.openAccounts(database).create("alice", "secret");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static DataForm submit(String value) {
        return DataForm.of(DataForm.Type.SUBMIT, null, List.of(
                DataForm.Field.formType(RefuseStrangersCommand.NODE),
                DataForm.Field.of(RefuseStrangersCommand.FIELD, null, null, value)));
    }

    @Test
    void theFormShowsTheDefaultThenTheChoiceIsKeptAcrossRestarts() {
        StrangerSettings settings = new StrangerSettings(database.jdbc(), false);
        im.parley.modules.adhoc.UserSettingCommand command = RefuseStrangersCommand.create(settings, Set.of("localhost"));

        Step first = command.execute(ALICE, null, 0);
        assertThat(((Step.Form) first).form().value(RefuseStrangersCommand.FIELD)).isEqualTo("0");
        assertThat(command.execute(ALICE, submit("true"), 1)).isInstanceOf(Step.Completed.class);
        assertThat(settings.refusesStrangers("alice")).isTrue();
        assertThat(settings.refusesStrangers("bob")).isFalse();

        StrangerSettings reloaded = new StrangerSettings(database.jdbc(), false);
        assertThat(reloaded.refusesStrangers("alice")).isTrue();
        command = RefuseStrangersCommand.create(reloaded, Set.of("localhost"));
        command.execute(ALICE, submit("0"), 1);
        assertThat(new StrangerSettings(database.jdbc(), true).refusesStrangers("alice")).isFalse();
    }

    @Test
    void aValueThatIsNotABooleanIsRefused() {
        im.parley.modules.adhoc.UserSettingCommand command = RefuseStrangersCommand.create(
                new StrangerSettings(database.jdbc(), false), Set.of("localhost"));
        assertThat(command.execute(ALICE, submit("maybe"), 1)).isInstanceOf(Step.Invalid.class);
    }

    @Test
    void onlyUsersOfThisServerMayRunIt() {
        im.parley.modules.adhoc.UserSettingCommand command = RefuseStrangersCommand.create(
                new StrangerSettings(database.jdbc(), false), Set.of("localhost"));
        assertThat(command.allowed(ALICE)).isTrue();
        assertThat(command.allowed(Jid.parse("localhost"))).isFalse();
        assertThat(command.allowed(Jid.parse("eve@elsewhere.example/x"))).isFalse();
    }
}
