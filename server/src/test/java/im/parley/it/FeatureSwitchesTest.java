package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.config.ConfigException;
import im.parley.module.Feature;
import im.parley.module.FeatureLoader;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every feature that can be switched off leaves a server on which two people still chat; the
 * core of instant messaging (rosters and presence, RFC 6121) cannot be switched off.
 */
class FeatureSwitchesTest {
    /** Features that build on the one switched off go with it (on alone, start-up says they need it). */
    private static final Map<String, List<String>> DEPENDENTS = Map.of(
            "adhoc", List.of("admin", "blocking", "privacy", "search"),
            "vcard", List.of("search"),
            "disco", List.of("caps", "pep"),
            "caps", List.of("pep"));

    static Stream<String> switchable() {
        return FeatureLoader.discover().stream()
                .filter(feature -> !feature.core() && feature.enabledByDefault())
                .map(Feature::name);
    }

    @ParameterizedTest
    @MethodSource("switchable")
    void twoClientsChatWithTheFeatureSwitchedOff(String feature) throws Exception {
        StringBuilder yaml = new StringBuilder();
        Stream.concat(Stream.of(feature), DEPENDENTS.getOrDefault(feature, List.of()).stream())
                .forEach(off -> yaml.append(off).append(":\n  enabled: false\n"));
        try (TestServer server = TestServer.start(yaml.toString())) {
            server.addUser("alice", "alice-pw");
            server.addUser("bob", "bob-pw");
            try (RecordingClient alice = server.login("alice", "alice-pw", "phone");
                    RecordingClient bob = server.login("bob", "bob-pw", "laptop")) {
                // Smack's login returns before the server has handled the initial presence.
                server.awaitAvailable("bob@localhost/laptop");
                alice.send(alice.chat("bob@localhost", "still here?"));
                assertThat(bob.awaitMessage().getBody()).isEqualTo("still here?");
                bob.send(bob.chat(alice, "yes"));
                assertThat(alice.awaitMessage().getBody()).isEqualTo("yes");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"roster", "presence"})
    void theCoreOfInstantMessagingCannotBeSwitchedOff(String feature) {
        assertThatThrownBy(() -> TestServer.start(feature + ":\n  enabled: false\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(feature + ".enabled: " + feature + " is core to instant messaging (RFC 6121) and"
                        + " cannot be switched off in ");
    }

    @Test
    void theCoreCannotBeSwitchedOffOnOneHostEither() {
        assertThatThrownBy(() -> TestServer.start("domain: ~\nhosts:\n  - one.example\n  - two.example:\n"
                + "      presence: {enabled: false}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hosts.two.example.presence.enabled: presence is core to instant messaging"
                        + " (RFC 6121) and cannot be switched off in ")
                .hasMessageMatching(".* line \\d+");
    }

    @Test
    void theOldSwitchThatOpenedRegistrationNowAsksWhichIsMeant() throws Exception {
        assertThatThrownBy(() -> TestServer.start("registration:\n  enabled: true\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("registration.enabled: no longer opens registration to anyone; say"
                        + " registration.open: true");
        TestServer.start("registration:\n  enabled: true\n  open: false\n").close();
    }
}
