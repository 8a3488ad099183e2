package im.parley.it.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.util.List;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandResult;
import org.jivesoftware.smackx.search.ReportedData;
import org.jivesoftware.smackx.search.UserSearchManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * User directory search (XEP-0055): users opt in with the "Directory listing" ad-hoc command and
 * are found by their vCard; users who did not opt in are never found.
 */
class UserSearchTest {
    private static final String LISTING_NODE = "urn:parley:directory:listing";
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("searcher");
    private static DomainBareJid domain;
    @Login("searcher/web")
    static XMPPTCPConnection searcher;

    @BeforeAll
    static void start() throws Exception {
        domain = JidCreate.domainBareFrom(TestServer.DOMAIN);
        publish("romeo", "Romeo", "Montague", "Romy", "romeo@verona.example", true);
        publish("benvolio", "Benvolio", "Montague", "Ben", "ben@verona.example", true);
        publish("juliet", "Juliet", "Capulet", "Jules", "juliet@verona.example", false);
        publish("tybalt", "Tybalt", "Capulet", "Prince of Cats", "tybalt@verona.example", true);
        setListed("tybalt", false);
    }

    /** Creates a user with a vCard and, if asked, lists them with the ad-hoc command. */
    private static void publish(String user, String first, String last, String nick, String email, boolean listed)
            throws Exception {
        parley.createUsers(user);
        try (RecordingClient c = parley.login(user, "setup")) {
            VCard card = new VCard();
            card.setFirstName(first);
            card.setLastName(last);
            card.setNickName(nick);
            card.setEmailHome(email);
            VCardManager.getInstanceFor(c.connection()).saveVCard(card);
        }
        if (listed) {
            setListed(user, true);
        }
    }

    private static void setListed(String user, boolean listed) throws Exception {
        try (RecordingClient c = parley.login(user, "listing")) {
            AdHocCommand command = AdHocCommandManager.getInstance(c.connection()).getRemoteCommand(domain, LISTING_NODE);
            AdHocCommandResult.StatusExecuting form = command.execute().asExecutingOrThrow();
            FillableForm answer = form.getFillableForm();
            answer.setAnswer("listed", listed);
            assertThat(command.complete(answer.getSubmitForm()).isCompleted()).isTrue();
        }
    }

    private static List<String> search(String field, String value) throws Exception {
        UserSearchManager manager = new UserSearchManager(searcher);
        FillableForm form = manager.getSearchForm(domain).getFillableForm();
        form.setAnswer(field, value);
        ReportedData results = manager.getSearchResults(form, domain);
        return results.getRows().stream().map(row -> row.getValues("jid").get(0).toString()).toList();
    }

    @Test
    void findsListedUsersByFamilyNameCaseInsensitively() throws Exception {
        assertThat(search("last", "montague")).containsExactly("benvolio@localhost", "romeo@localhost");
    }

    @Test
    void findsBySubstringOfNicknameEmailAndFullName() throws Exception {
        assertThat(search("nick", "om")).containsExactly("romeo@localhost");
        assertThat(search("email", "BEN@")).containsExactly("benvolio@localhost");
        assertThat(search("first", "e")).containsExactly("benvolio@localhost", "romeo@localhost");
    }

    @Test
    void neverRevealsUsersWhoAreNotListed() throws Exception {
        assertThat(search("last", "Capulet")).isEmpty();
        assertThat(search("first", "Juliet")).isEmpty();
        assertThat(search("nick", "Cats")).as("tybalt unlisted himself").isEmpty();
        assertThat(search("email", "@")).containsExactly("benvolio@localhost", "romeo@localhost");
    }

    @Test
    void wildcardsAreTakenLiterally() throws Exception {
        assertThat(search("email", "%")).isEmpty();
        assertThat(search("email", "_")).isEmpty();
    }

    @Test
    void anEmptySearchIsNotAcceptable() throws Exception {
        RawIq empty = new RawIq(IQ.Type.set, domain, "query", "jabber:iq:search", "<last/>");
        assertThatThrownBy(() -> searcher.sendIqRequestAndWaitForResponse(empty))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.not_acceptable));
    }
}
