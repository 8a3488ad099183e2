package im.parley.it.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.XmlClient;
import java.time.Duration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.RosterEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Privileged entities (XEP-0356, {@code urn:xmpp:privilege:2}): a component the configuration
 * lets read and change rosters and send messages in the users' name, and one it does not.
 */
class PrivilegedEntityTest {
    private static final String PRIVILEGE = "urn:xmpp:privilege:2";
    private static final String ROSTER = "jabber:iq:roster";

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob").config("""
            components:
              port: 0
              accept:
                - domain: pep.localhost
                  secret: pep-secret
                  privileges: {roster: both, message: outgoing}
                - domain: plain.localhost
                  secret: plain-secret
                - domain: reader.localhost
                  secret: reader-secret
                  privileges: {roster: get}
            """);
    @Login("alice/desk")
    RecordingClient alice;
    @Login("bob/desk")
    RecordingClient bob;

    @Test
    void aPrivilegedComponentIsToldItsPermissionsAndUsesThem() throws Exception {
        try (RawComponent pep = RawComponent.connect(parley.server(), "pep.localhost", "pep-secret")) {
            XmlClient.Node advertised = pep.next();
            assertThat(advertised.attribute("from")).isEqualTo("localhost");
            assertThat(advertised.child("privilege", PRIVILEGE).children("perm"))
                    .extracting(p -> p.attribute("access") + "=" + p.attribute("type"))
                    .containsExactly("roster=both", "message=outgoing");

            // A roster set in alice's name reaches her client as a push, and a get reads it back.
            pep.send("<iq type='set' id='s1' from='pep.localhost' to='alice@localhost'><query xmlns='" + ROSTER + "'>"
                    + "<item jid='carol@example.org' name='Carol'/></query></iq>");
            XmlClient.Node setResult = pep.next();
            assertThat(setResult.attribute("type")).as("%s", setResult).isEqualTo("result");
            assertThat(setResult.attribute("from")).isEqualTo("alice@localhost");
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                RosterEntry entry = alice.roster().getEntry(JidCreate.bareFrom("carol@example.org"));
                return entry != null && "Carol".equals(entry.getName());
            });
            pep.send("<iq type='get' id='g1' from='pep.localhost' to='alice@localhost'><query xmlns='" + ROSTER
                    + "'/></iq>");
            XmlClient.Node roster = pep.next();
            assertThat(roster.attribute("id")).isEqualTo("g1");
            assertThat(roster.child("query", ROSTER).children("item")).extracting(i -> i.attribute("jid"))
                    .contains("carol@example.org");

            // A message sent in alice's name: bob gets it from her bare JID.
            pep.send("<message from='pep.localhost' to='localhost' id='p1'><privilege xmlns='" + PRIVILEGE + "'>"
                    + "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' from='alice@localhost' "
                    + "to='bob@localhost' type='chat' id='m1'><body>on alice's behalf</body></message>"
                    + "</forwarded></privilege></message>");
            Message received = bob.awaitMessage(m -> "on alice's behalf".equals(m.getBody()));
            assertThat(received.getFrom().toString()).isEqualTo("alice@localhost");

            // Not a user's bare JID: forbidden.
            pep.send("<message from='pep.localhost' to='localhost' id='p2'><privilege xmlns='" + PRIVILEGE + "'>"
                    + "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' from='alice@localhost/desk' "
                    + "to='bob@localhost' type='chat'><body>from a resource</body></message>"
                    + "</forwarded></privilege></message>");
            assertThat(errorCondition(pep.next())).isEqualTo("forbidden");
        }
    }

    @Test
    void whatTheConfigurationDoesNotGrantIsForbidden() throws Exception {
        try (RawComponent plain = RawComponent.connect(parley.server(), "plain.localhost", "plain-secret")) {
            plain.send("<iq type='get' id='g1' from='plain.localhost' to='alice@localhost'><query xmlns='" + ROSTER
                    + "'/></iq>");
            XmlClient.Node refused = plain.next();
            // No advertisement came first: the first thing it reads is the error.
            assertThat(refused.is("iq", RawComponent.NAMESPACE)).as("%s", refused).isTrue();
            assertThat(errorCondition(refused)).isEqualTo("forbidden");
            plain.send("<message from='plain.localhost' to='localhost' id='p1'><privilege xmlns='" + PRIVILEGE + "'>"
                    + "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' from='alice@localhost' "
                    + "to='bob@localhost' type='chat'><body>not allowed</body></message></forwarded></privilege></message>");
            assertThat(errorCondition(plain.next())).isEqualTo("forbidden");
        }
        try (RawComponent reader = RawComponent.connect(parley.server(), "reader.localhost", "reader-secret")) {
            assertThat(reader.next().child("privilege", PRIVILEGE).children("perm"))
                    .extracting(p -> p.attribute("access") + "=" + p.attribute("type")).containsExactly("roster=get");
            reader.send("<iq type='set' id='s1' from='reader.localhost' to='alice@localhost'><query xmlns='" + ROSTER
                    + "'><item jid='mallory@example.org'/></query></iq>");
            assertThat(errorCondition(reader.next())).isEqualTo("forbidden");
        }
        assertThat(bob.received(Message.class)).extracting(Message::getBody).doesNotContain("not allowed");
        assertThat(alice.roster().getEntry(JidCreate.bareFrom("mallory@example.org"))).isNull();
    }

    private static String errorCondition(XmlClient.Node stanza) {
        assertThat(stanza.attribute("type")).as("%s", stanza).isEqualTo("error");
        return stanza.child("error", RawComponent.NAMESPACE).children().stream()
                .filter(c -> c.namespace().equals("urn:ietf:params:xml:ns:xmpp-stanzas")).findFirst().orElseThrow().name();
    }
}
