package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.account.AccountService;
import im.parley.testkit.ParleyExtension;
import im.parley.xmpp.Jid;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** One Parley serving two domains: each stream picks its host, and users of the two chat. */
class VirtualHostsTest {
    private static final String ONE = "one.example";
    private static final String TWO = "two.example";
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().config("domain: ~\nhosts: [" + ONE + ", " + TWO + "]\n");

    @BeforeAll
    static void createAccounts() {
        // Each host has its own accounts: two alices, each with her own password.
        AccountService accounts = parley.server().server().accounts();
        accounts.create(Jid.of("alice", ONE, null), "alice-one-pw");
        accounts.create(Jid.of("alice", TWO, null), "alice-two-pw");
        accounts.create(Jid.of("bob", TWO, null), "bob-pw");
    }

    private static XMPPTCPConnection login(String domain, String user, String password) throws Exception {
        return parley.client(user).domain(domain).password(password).resource("desk").login().connection();
    }

    @Test
    void usersOfTwoHostedDomainsChatBothWays() throws Exception {
        XMPPTCPConnection aliceOne = login(ONE, "alice", "alice-one-pw");
        XMPPTCPConnection aliceTwo = login(TWO, "alice", "alice-two-pw");
        XMPPTCPConnection bobTwo = login(TWO, "bob", "bob-pw");
        List<Stanza> toAliceOne = new CopyOnWriteArrayList<>();
        List<Stanza> toAliceTwo = new CopyOnWriteArrayList<>();
        aliceOne.addStanzaListener(toAliceOne::add, s -> s instanceof Message);
        aliceTwo.addStanzaListener(toAliceTwo::add, s -> s instanceof Message);
        try {
            assertThat(aliceOne.getUser().toString()).isEqualTo("alice@one.example/desk");
            assertThat(aliceTwo.getUser().toString()).isEqualTo("alice@two.example/desk");

            aliceOne.sendStanza(chat(aliceOne, "alice@two.example/desk", "hello from one"));
            aliceTwo.sendStanza(chat(aliceTwo, "alice@one.example/desk", "hello from two"));
            bobTwo.sendStanza(chat(bobTwo, "alice@one.example", "bob here"));

            await().atMost(Duration.ofSeconds(5)).until(() -> toAliceTwo.size() == 1 && toAliceOne.size() == 2);
            assertThat(toAliceTwo.getFirst().getFrom().toString()).isEqualTo("alice@one.example/desk");
            assertThat(((Message) toAliceTwo.getFirst()).getBody()).isEqualTo("hello from one");
            assertThat(toAliceOne).extracting(s -> s.getFrom().toString() + " " + ((Message) s).getBody())
                    .containsExactlyInAnyOrder("alice@two.example/desk hello from two", "bob@two.example/desk bob here");
            assertThat(toAliceTwo).as("nothing to alice@one.example crossed to the alice of the other host")
                    .extracting(s -> ((Message) s).getBody()).containsExactly("hello from one");
        } finally {
            aliceOne.disconnect();
            aliceTwo.disconnect();
            bobTwo.disconnect();
        }
    }

    @Test
    void anAccountOfOneHostCannotLogInToAnother() {
        assertThatThrownBy(() -> login(ONE, "alice", "alice-two-pw")).isInstanceOf(SASLErrorException.class);
        assertThatThrownBy(() -> login(ONE, "bob", "bob-pw")).isInstanceOf(SASLErrorException.class);
    }

    @Test
    void eachHostAnswersForItself() throws Exception {
        XMPPTCPConnection bobTwo = login(TWO, "bob", "bob-pw");
        try {
            VersionManager versions = VersionManager.getInstanceFor(bobTwo);
            assertThat(versions.getVersion(JidCreate.domainBareFrom(TWO)).getFrom().toString()).isEqualTo(TWO);
            assertThat(versions.getVersion(JidCreate.domainBareFrom(ONE)).getFrom().toString()).isEqualTo(ONE);
        } finally {
            bobTwo.disconnect();
        }
    }

    /** XEP-0050 §2.2: the command list names the host asked, whatever the requester's own. */
    @Test
    void eachHostListsItsOwnCommands() throws Exception {
        XMPPTCPConnection bobTwo = login(TWO, "bob", "bob-pw");
        try {
            List<DiscoverItems.Item> commands = ServiceDiscoveryManager.getInstanceFor(bobTwo)
                    .discoverItems(JidCreate.domainBareFrom(ONE), AdHocCommandManager.NAMESPACE).getItems();
            assertThat(commands).isNotEmpty().allSatisfy(item -> assertThat(item.getEntityID().toString()).isEqualTo(ONE));
        } finally {
            bobTwo.disconnect();
        }
    }

    @Test
    void theGeneratedCertificateNamesEveryHost() throws Exception {
        X509Certificate certificate = parley.server().certificate();
        assertThat(certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                .contains(ONE, "*." + ONE, TWO, "*." + TWO);
    }

    @Test
    void aDomainNotHostedHereIsRefusedAtTheStreamHeader() {
        assertThatThrownBy(() -> login("three.example", "alice", "alice-one-pw")).hasMessageContaining("host-unknown");
    }

    private static Message chat(XMPPTCPConnection from, String to, String body) throws Exception {
        return from.getStanzaFactory().buildMessageStanza().ofType(Message.Type.chat).to(JidCreate.from(to))
                .setBody(body).build();
    }
}
