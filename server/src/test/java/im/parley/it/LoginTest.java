package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.net.ssl.SSLSocketFactory;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real Smack clients authenticate over STARTTLS and direct TLS with every mechanism Parley offers. */
class LoginTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.addUser("alice", "correct horse");
        TestSaslMechanisms.register();
    }

    @AfterAll
    static void stop() throws Exception {
        TestSaslMechanisms.unregister();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256-PLUS", "PLAIN"})
    void logsInWithEachMechanism(String mechanism) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(server.clientConfig("alice", "correct horse")
                .addEnabledSaslMechanism(mechanism).setResource("mech").build());
        try {
            connection.connect().login();
            assertThat(connection.isAuthenticated()).isTrue();
            assertThat(connection.isSecureConnection()).isTrue();
            assertThat(connection.getUsedSaslMechansism()).isEqualTo(mechanism);
            assertThat(connection.getUser().toString()).isEqualTo("alice@localhost/mech");
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(server.clientConfig("alice", "wrong")
                .addEnabledSaslMechanism("SCRAM-SHA-1").build());
        try {
            connection.connect();
            assertThatThrownBy(connection::login)
                    .isInstanceOf(SASLErrorException.class)
                    .hasMessageContaining("not-authorized");
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void unknownUserIsRefused() throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(server.clientConfig("nobody", "x").build());
        try {
            connection.connect();
            assertThatThrownBy(connection::login).isInstanceOf(SASLErrorException.class);
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void logsInOverDirectTls() throws Exception {
        SSLSocketFactory tls = server.sslContext().getSocketFactory();
        XMPPTCPConnection connection = new XMPPTCPConnection(server.clientConfig("alice", "correct horse")
                .setPort(server.server().directTlsPort())
                .setSocketFactory(tls)
                .setSecurityMode(SecurityMode.disabled)
                .addEnabledSaslMechanism("SCRAM-SHA-256")
                .build());
        try {
            connection.connect().login();
            assertThat(connection.isAuthenticated()).isTrue();
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void preferredMechanismIsChannelBound() throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(server.clientConfig("alice", "correct horse").build());
        try {
            connection.connect().login();
            assertThat(connection.getUsedSaslMechansism()).isEqualTo("SCRAM-SHA-256-PLUS");
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void serverGeneratesResourceWhenNoneIsAsked() throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(server.clientConfig("alice", "correct horse").build());
        try {
            connection.connect().login();
            assertThat(connection.getUser().getResourceOrEmpty().toString()).isNotEmpty();
        } finally {
            connection.disconnect();
        }
    }
}
