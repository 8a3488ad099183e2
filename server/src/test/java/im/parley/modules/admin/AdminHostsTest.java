package im.parley.modules.admin;

import im.parley.module.Hosts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.config.ResourceConflict;
import im.parley.module.StanzaSender;
import im.parley.session.RecordingSession;
import im.parley.session.SessionRegistry;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** With several hosts, an admin administers the host of its own JID only. */
class AdminHostsTest {
    private static final Jid ADMIN_ONE = Jid.parse("admin@one.example/desk");

    @Test
    void anAdminNamesAccountsOfItsOwnHostOnly() throws Exception {
        AccountAddresses addresses = new AccountAddresses();

        assertThat(addresses.single(form("accountjid", "bob@one.example"), "accountjid", "one.example"))
                .isEqualTo(Jid.parse("bob@one.example"));
        assertThatThrownBy(() -> addresses.single(form("accountjid", "bob@two.example"), "accountjid", "one.example"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'bob@two.example' is not an account of one.example, the host you administer");
    }

    @Test
    void anAnnouncementReachesTheSessionsOfTheAdminsHostOnly() throws Exception {
        SessionRegistry sessions = new SessionRegistry();
        for (String jid : List.of("alice@one.example/a", "bob@one.example/b", "alice@two.example/a")) {
            sessions.bind(new RecordingSession(Jid.parse(jid)), ResourceConflict.REPLACE);
        }
        List<Stanza> sent = new ArrayList<>();
        AnnounceCommand announce = new AnnounceCommand(new Admins(List.of("admin@one.example"), Hosts.of("one.example", "two.example")), sessions,
                new StanzaSender() {
                    @Override
                    public void route(Stanza stanza) {
                        sent.add(stanza);
                    }

                    @Override
                    public CompletableFuture<Stanza> request(Stanza iq, Duration timeout) {
                        return new CompletableFuture<>();
                    }
                });

        announce.execute(ADMIN_ONE, form("announcement", "Maintenance at noon"), 0);

        assertThat(sent).extracting(stanza -> stanza.to().toString())
                .containsExactlyInAnyOrder("alice@one.example/a", "bob@one.example/b");
    }

    private static DataForm form(String var, String value) {
        return DataForm.of(DataForm.Type.SUBMIT, null, List.of(DataForm.Field.of(var, null, null, value)));
    }
}
