package im.parley.modules.privacy;

import im.parley.module.Hosts;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.ParleyServer;
import im.parley.modules.adhoc.AdHocCommand.Step;
import im.parley.store.JdbcKeyValueStore;
import im.parley.store.StoreContractTest;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-user setting, changed with its ad-hoc command and kept in the database. */
class RefuseStrangersCommandTest extends StoreContractTest {
    private static final Jid ALICE = Jid.parse("alice@localhost/phone");

    @BeforeEach
    void open() {
        ParleyServer.openAccounts(database).create(ALICE.bare(), "secret");
    }

    private StrangerSettings strangers(boolean refuseByDefault) {
        return new StrangerSettings(new JdbcKeyValueStore(database.jdbc(), "refuse_strangers"), user -> refuseByDefault,
                Clock.systemUTC());
    }

    private static DataForm submit(String value) {
        return DataForm.of(DataForm.Type.SUBMIT, null, List.of(
                DataForm.Field.formType(RefuseStrangersCommand.NODE),
                DataForm.Field.of(RefuseStrangersCommand.FIELD, null, null, value)));
    }

    @Test
    void theFormShowsTheDefaultThenTheChoiceIsKeptAcrossRestarts() {
        StrangerSettings settings = strangers(false);
        im.parley.modules.adhoc.UserSettingCommand command = RefuseStrangersCommand.create(settings, Hosts.of("localhost"));

        Step first = command.execute(ALICE, null, 0);
        assertThat(((Step.Form) first).form().value(RefuseStrangersCommand.FIELD)).isEqualTo("0");
        assertThat(command.execute(ALICE, submit("true"), 1)).isInstanceOf(Step.Completed.class);
        assertThat(settings.refusesStrangers(ALICE.bare())).isTrue();
        assertThat(settings.refusesStrangers(Jid.parse("bob@localhost"))).isFalse();

        StrangerSettings reloaded = strangers(false);
        assertThat(reloaded.refusesStrangers(ALICE.bare())).isTrue();
        command = RefuseStrangersCommand.create(reloaded, Hosts.of("localhost"));
        command.execute(ALICE, submit("0"), 1);
        assertThat(strangers(true).refusesStrangers(ALICE.bare())).isFalse();
    }

    @Test
    void aValueThatIsNotABooleanIsRefused() {
        im.parley.modules.adhoc.UserSettingCommand command = RefuseStrangersCommand.create(
                strangers(false), Hosts.of("localhost"));
        assertThat(command.execute(ALICE, submit("maybe"), 1)).isInstanceOf(Step.Invalid.class);
    }

    @Test
    void onlyUsersOfThisServerMayRunIt() {
        im.parley.modules.adhoc.UserSettingCommand command = RefuseStrangersCommand.create(
                strangers(false), Hosts.of("localhost"));
        assertThat(command.allowed(ALICE)).isTrue();
        assertThat(command.allowed(Jid.parse("localhost"))).isFalse();
        assertThat(command.allowed(Jid.parse("eve@elsewhere.example/x"))).isFalse();
    }
}
