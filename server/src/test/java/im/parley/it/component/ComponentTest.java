package im.parley.it.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.ServerConfig;
import im.parley.testkit.XmlClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * External components (XEP-0114 accept mode), each written in the test as text over a plain
 * socket ({@link RawComponent}), with a Smack user on the other side.
 */
class ComponentTest {
    private static final String CONFIG = """
            components:
              port: 0
              accept:
                - domain: comp.localhost
                  secret: comp-secret
                  name: Test bridge
                - domain: other.localhost
                  secret: other-secret
            """;

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice").config(CONFIG);
    @Login("alice/desk")
    RecordingClient alice;

    @Test
    void aComponentGetsMessagesAndIqsForItsDomainAndSendsAsAnyAddressThere() throws Exception {
        try (RawComponent component = RawComponent.connect(parley.server(), "comp.localhost", "comp-secret")) {
            alice.send(alice.chat("x@comp.localhost", "hello bridge"));
            XmlClient.Node message = component.next();
            assertThat(message.is("message", RawComponent.NAMESPACE)).as("%s", message).isTrue();
            assertThat(message.attribute("from")).isEqualTo("alice@localhost/desk");
            assertThat(message.attribute("to")).isEqualTo("x@comp.localhost");
            assertThat(message.child("body", RawComponent.NAMESPACE).text()).isEqualTo("hello bridge");

            // An IQ to an address of the component, answered by it: the result finds its way back.
            CompletableFuture<DiscoverInfo> info = CompletableFuture.supplyAsync(() -> {
                try {
                    return ServiceDiscoveryManager.getInstanceFor(alice.connection())
                            .discoverInfo(JidCreate.from("x@comp.localhost"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            XmlClient.Node iq = component.next();
            assertThat(iq.is("iq", RawComponent.NAMESPACE) && "get".equals(iq.attribute("type"))).as("%s", iq).isTrue();
            component.send("<iq type='result' from='x@comp.localhost' to='" + iq.attribute("from") + "' id='"
                    + iq.attribute("id") + "'><query xmlns='http://jabber.org/protocol/disco#info'>"
                    + "<identity category='gateway' type='irc' name='A channel'/></query></iq>");
            assertThat(info.get().getIdentities()).extracting(DiscoverInfo.Identity::getName).containsExactly("A channel");

            component.send("<message from='bot@comp.localhost/relay' to='alice@localhost' type='chat'>"
                    + "<body>hello user</body></message>");
            Message received = alice.awaitMessage(m -> "hello user".equals(m.getBody()));
            assertThat(received.getFrom().toString()).isEqualTo("bot@comp.localhost/relay");
        }
    }

    /**
     * XEP-0313: a message to a component is in its sender's archive once, although no delivery
     * report comes back for it; the sender's archive id stays off what the component gets.
     */
    @Test
    void aMessageToAComponentIsInItsSendersArchiveOnce() throws Exception {
        try (RawComponent component = RawComponent.connect(parley.server(), "comp.localhost", "comp-secret")) {
            alice.send(alice.chat("x@comp.localhost", "archived"));
            XmlClient.Node message = component.next();
            assertThat(message.child("body", RawComponent.NAMESPACE).text()).isEqualTo("archived");
            assertThat(message.children("stanza-id")).isEmpty();

            MamManager mam = MamManager.getInstanceFor(alice.connection());
            assertThat(mam.isSupported()).isTrue();
            MamQuery archive = mam.queryArchive(MamQueryArgs.builder().build());
            assertThat(archive.getMessages()).extracting(Message::getBody).containsExactly("archived");
            assertThat(archive.getMessages().getFirst().getTo().toString()).isEqualTo("x@comp.localhost");
        }
    }

    @Test
    void aWrongSecretOrAnUnknownDomainIsRefused() throws Exception {
        assertThat(RawComponent.refused(parley.server(), "comp.localhost", "wrong")).isEqualTo("not-authorized");
        assertThat(RawComponent.refused(parley.server(), "nobody.localhost", "comp-secret")).isEqualTo("host-unknown");
        // Neither took the domain: the right secret still connects.
        RawComponent.connect(parley.server(), "comp.localhost", "comp-secret").close();
    }

    @Test
    void aStanzaFromAnotherDomainEndsTheStream() throws Exception {
        try (RawComponent component = RawComponent.connect(parley.server(), "comp.localhost", "comp-secret")) {
            component.send("<message from='bot@other.localhost' to='alice@localhost' type='chat'>"
                    + "<body>spoofed</body></message>");
            assertThat(RawComponent.condition(component.next())).isEqualTo("invalid-from");
        }
        try (RawComponent component = RawComponent.connect(parley.server(), "comp.localhost", "comp-secret")) {
            component.send("<message from='alice@localhost/desk' to='alice@localhost' type='chat'><body>spoofed</body></message>");
            assertThat(RawComponent.condition(component.next())).isEqualTo("invalid-from");
        }
        assertThat(alice.received(Message.class)).extracting(Message::getBody).doesNotContain("spoofed");
    }

    @Test
    void disconnectedComponentsAreNotListedAndTheirStanzasBounce() throws Exception {
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice.connection());
        try (RawComponent component = RawComponent.connect(parley.server(), "comp.localhost", "comp-secret")) {
            DiscoverItems items = disco.discoverItems(JidCreate.domainBareFrom("localhost"));
            assertThat(items.getItems()).extracting(i -> i.getEntityID() + " " + i.getName())
                    .contains("comp.localhost Test bridge").noneMatch(i -> i.startsWith("other.localhost"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> disco.discoverItems(JidCreate.domainBareFrom("localhost")).getItems().stream()
                .noneMatch(i -> i.getEntityID().toString().equals("comp.localhost")));

        // Configured but away: service-unavailable, not remote-server-not-found.
        assertThatThrownBy(() -> disco.discoverInfo(JidCreate.from("comp.localhost")))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.service_unavailable));
        alice.send(alice.chat("x@comp.localhost", "anyone?"));
        Message bounce = alice.awaitMessage(m -> m.getType() == Message.Type.error);
        assertThat(bounce.getFrom().toString()).isEqualTo("x@comp.localhost");
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
    }

    @Test
    void twoComponentsAtOnceEachGetTheirOwnDomain() throws Exception {
        try (RawComponent comp = RawComponent.connect(parley.server(), "comp.localhost", "comp-secret");
                RawComponent other = RawComponent.connect(parley.server(), "other.localhost", "other-secret")) {
            alice.send(alice.chat("a@other.localhost", "to other"));
            alice.send(alice.chat("a@comp.localhost", "to comp"));
            assertThat(other.next().child("body", RawComponent.NAMESPACE).text()).isEqualTo("to other");
            assertThat(comp.next().child("body", RawComponent.NAMESPACE).text()).isEqualTo("to comp");
            assertThat(comp.silentFor(300)).isTrue();
        }
    }

    @Test
    void aSecondConnectionReplacesTheFirst() throws Exception {
        try (RawComponent first = RawComponent.connect(parley.server(), "comp.localhost", "comp-secret");
                RawComponent second = RawComponent.connect(parley.server(), "comp.localhost", "comp-secret")) {
            assertThat(RawComponent.condition(first.next())).isEqualTo("conflict");
            alice.send(alice.chat("x@comp.localhost", "to the new one"));
            assertThat(second.next().child("body", RawComponent.NAMESPACE).text()).isEqualTo("to the new one");
        }
    }

    @Test
    @ServerConfig("components:\n  on-conflict: refuse\n")
    void withRefuseTheFirstConnectionKeepsTheDomain() throws Exception {
        try (RawComponent first = RawComponent.connect(parley.server(), "comp.localhost", "comp-secret")) {
            assertThat(RawComponent.refused(parley.server(), "comp.localhost", "comp-secret")).isEqualTo("conflict");
            alice.send(alice.chat("x@comp.localhost", "to the first"));
            assertThat(first.next().child("body", RawComponent.NAMESPACE).text()).isEqualTo("to the first");
        }
    }
}
