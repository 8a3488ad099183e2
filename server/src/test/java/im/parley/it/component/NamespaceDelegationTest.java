package im.parley.it.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.XmlClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Namespace delegation (XEP-0355 admin mode, {@code urn:xmpp:delegation:2}): a user's IQs of a
 * delegated namespace, to the server or to her own bare JID, answered by the component they are
 * forwarded to.
 */
class NamespaceDelegationTest {
    private static final String DELEGATION = "urn:xmpp:delegation:2";
    private static final String FORWARD = "urn:xmpp:forward:0";
    private static final String DELEGATED = "urn:example:store";

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice").config("""
            components:
              port: 0
              accept:
                - domain: store.localhost
                  secret: store-secret
                  delegations: [urn:example:store]
            """);
    @Login("alice/desk")
    RecordingClient alice;

    @Test
    void aDelegatedRequestIsAnsweredByTheComponent() throws Exception {
        try (RawComponent store = RawComponent.connect(parley.server(), "store.localhost", "store-secret")) {
            XmlClient.Node advertised = store.next();
            assertThat(advertised.child("delegation", DELEGATION).children("delegated"))
                    .extracting(d -> d.attribute("namespace")).containsExactly(DELEGATED);

            for (String to : new String[] {"localhost", "alice@localhost"}) {
                CompletableFuture<IQ> answer = request(JidCreate.from(to));
                XmlClient.Node forwarding = store.next();
                assertThat(forwarding.attribute("from")).isEqualTo("localhost");
                XmlClient.Node original = forwarding.child("delegation", DELEGATION).child("forwarded", FORWARD)
                        .child("iq", "jabber:client");
                assertThat(original.attribute("from")).isEqualTo("alice@localhost/desk");
                assertThat(original.child("query", DELEGATED)).isNotNull();
                store.send("<iq type='result' from='store.localhost' to='localhost' id='" + forwarding.attribute("id")
                        + "'><delegation xmlns='" + DELEGATION + "'><forwarded xmlns='" + FORWARD + "'>"
                        + "<iq xmlns='jabber:client' type='result' to='alice@localhost/desk' id='"
                        + original.attribute("id") + "'><query xmlns='" + DELEGATED + "'><value>42</value></query></iq>"
                        + "</forwarded></delegation></iq>");
                IQ result = answer.join();
                assertThat(result.getType()).isEqualTo(IQ.Type.result);
                assertThat(result.getFrom().toString()).isEqualTo(to);
                // Smack keeps a payload it has no provider for as text.
                assertThat(result.toXML().toString()).contains("value", "42");
            }

            // An answer to another request (wrong id): the user gets service-unavailable.
            CompletableFuture<IQ> answer = request(JidCreate.from("localhost"));
            XmlClient.Node forwarding = store.next();
            store.send("<iq type='result' from='store.localhost' to='localhost' id='" + forwarding.attribute("id")
                    + "'><delegation xmlns='" + DELEGATION + "'><forwarded xmlns='" + FORWARD + "'>"
                    + "<iq xmlns='jabber:client' type='result' to='alice@localhost/desk' id='not-it'/>"
                    + "</forwarded></delegation></iq>");
            assertServiceUnavailable(answer);
        }
    }

    @Test
    void whileTheComponentIsAwayADelegatedRequestIsServiceUnavailable() throws Exception {
        assertServiceUnavailable(request(JidCreate.from("localhost")));
    }

    private CompletableFuture<IQ> request(Jid to) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return alice.request(new RawIq(IQ.Type.get, to, "query", DELEGATED, ""));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    private static void assertServiceUnavailable(CompletableFuture<IQ> answer) {
        assertThatThrownBy(answer::join).hasCauseInstanceOf(XMPPErrorException.class)
                .satisfies(e -> assertThat(((XMPPErrorException) e.getCause()).getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.service_unavailable));
    }
}
