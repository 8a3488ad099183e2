package im.parley.it.sint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.lang.reflect.Method;
import java.net.URI;
import java.security.KeyStore;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.igniterealtime.smack.inttest.Configuration;
import org.jivesoftware.smackx.filetransfer.FileTransferIntegrationTest;
import org.jivesoftware.smackx.ping.PingIntegrationTest;
import org.junit.jupiter.api.Test;

/** Checks the runner's settings through SINT's own {@link Configuration} decisions, which is where they matter. */
class SintRunnerTest {

    @Test
    void disabledEntriesAreHonouredByTheFrameworkDownToSingleMethods() throws Exception {
        SintExclusions exclusions = SintExclusions.parse(new StringReader("""
                XEP-0045 = no multi-user chat
                PingIntegrationTest = no ping
                FileTransferIntegrationTest.fileTransferTest = no SOCKS5 proxy
                """), SintCatalog.discover());

        Configuration configuration = new SintRunner(target()).exclusions(exclusions).configuration();

        assertThat(configuration.isSpecificationDisabled("XEP-0045")).isTrue();
        assertThat(configuration.isSpecificationDisabled("XEP-0199")).isFalse();
        assertThat(configuration.isClassDisabled(PingIntegrationTest.class)
                || !configuration.isClassEnabled(PingIntegrationTest.class)).isTrue();
        assertThat(configuration.isClassEnabled(FileTransferIntegrationTest.class)).isTrue();
        assertThat(configuration.isClassDisabled(FileTransferIntegrationTest.class)).isFalse();
        assertThat(configuration.isMethodEnabled(method(FileTransferIntegrationTest.class, "ibbFileTransferTest"))).isTrue();
        assertThat(configuration.isMethodEnabled(method(FileTransferIntegrationTest.class, "fileTransferTest"))).isFalse();
    }

    @Test
    void pointsTheFrameworkAtTheTargetDomainAndTheTcpDefaultConnection() throws Exception {
        Configuration configuration = new SintRunner(target()).configuration();

        assertThat(configuration.service.toString()).isEqualTo("localhost");
        assertThat(configuration.defaultConnectionNickname).isEqualTo(SintRunner.TCP);
        assertThat(configuration.enabledConnections).containsExactly(SintRunner.TCP);
        assertThat(configuration.isAccountRegistrationPossible()).isTrue();
    }

    @Test
    void acceptsOnlyConnectionKindsItCanPointAtTheTarget() {
        SintRunner runner = new SintRunner(target());
        assertThatThrownBy(() -> runner.connections(List.of("modular-websocket-okhttp")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runner.connections(List.of(SintRunner.WEBSOCKET)))
                .as("no WebSocket endpoint named").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsTheLowLevelTestsOverWebSocketTooWhenTheTargetHasAnEndpoint() throws Exception {
        SintTarget target = target().withWebSocket(URI.create("wss://localhost:5443/xmpp-websocket"));

        Configuration configuration = new SintRunner(target).configuration();

        assertThat(configuration.defaultConnectionNickname).isEqualTo(SintRunner.TCP);
        assertThat(configuration.enabledConnections).containsExactlyInAnyOrder(SintRunner.TCP, SintRunner.WEBSOCKET);
    }

    private static Method method(Class<?> type, String name) {
        return Stream.of(type.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    private static SintTarget target() {
        return new SintTarget("127.0.0.1", 15222, "localhost", jdkTrust(), null);
    }

    private static X509TrustManager jdkTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
