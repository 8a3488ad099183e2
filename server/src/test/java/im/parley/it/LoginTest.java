package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import javax.net.ssl.SSLSocketFactory;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real Smack clients authenticate over STARTTLS and direct TLS with every mechanism Parley offers. */
class LoginTest {
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("alice");

    @BeforeAll
    static void registerMechanisms() {
        TestSaslMechanisms.register();
    }

    @AfterAll
    static void unregisterMechanisms() {
        TestSaslMechanisms.unregister();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256-PLUS", "PLAIN"})
    void logsInWithEachMechanism(String mechanism) throws Exception {
        XMPPTCPConnection connection = parley.client("alice").resource("mech")
                .configure(c -> c.addEnabledSaslMechanism(mechanism)).login().connection();
        assertThat(connection.isAuthenticated()).isTrue();
        assertThat(connection.isSecureConnection()).isTrue();
        assertThat(connection.getUsedSaslMechansism()).isEqualTo(mechanism);
        assertThat(connection.getUser().toString()).isEqualTo("alice@localhost/mech");
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        RecordingClient client = parley.client("alice").password("wrong")
                .configure(c -> c.addEnabledSaslMechanism("SCRAM-SHA-1")).connect();
        assertThatThrownBy(client::login)
                .isInstanceOf(SASLErrorException.class)
                .hasMessageContaining("not-authorized");
    }

    @Test
    void unknownUserIsRefused() throws Exception {
        RecordingClient client = parley.client("nobody").password("x").connect();
        assertThatThrownBy(client::login).isInstanceOf(SASLErrorException.class);
    }

    @Test
    void logsInOverDirectTls() throws Exception {
        SSLSocketFactory tls = parley.server().sslContext().getSocketFactory();
        XMPPTCPConnection connection = parley.client("alice").configure(c -> c
                .setPort(parley.server().server().directTlsPort())
                .setSocketFactory(tls)
                .setSecurityMode(SecurityMode.disabled)
                .addEnabledSaslMechanism("SCRAM-SHA-256")).login().connection();
        assertThat(connection.isAuthenticated()).isTrue();
    }

    @Test
    void preferredMechanismIsChannelBound() throws Exception {
        XMPPTCPConnection connection = parley.client("alice").login().connection();
        assertThat(connection.getUsedSaslMechansism()).isEqualTo("SCRAM-SHA-256-PLUS");
    }

    @Test
    void serverGeneratesResourceWhenNoneIsAsked() throws Exception {
        XMPPTCPConnection connection = parley.client("alice").login().connection();
        assertThat(connection.getUser().getResourceOrEmpty().toString()).isNotEmpty();
    }
}
