package im.parley.auth;

import static im.parley.auth.ScramMechanismTest.assertFailure;
import static im.parley.auth.TestAccounts.TLS_WITHOUT_BINDING;
import static im.parley.auth.TestAccounts.TLS_WITH_BINDING;
import static im.parley.auth.TestAccounts.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SaslMechanismsTest {
    private final SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();

    @Test
    void withoutTlsOnlyScramIsOffered() {
        assertThat(mechanisms.offered(TlsInfo.PLAINTEXT)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1");
    }

    @Test
    void tlsAddsPlain() {
        assertThat(mechanisms.offered(TLS_WITHOUT_BINDING)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
    }

    @Test
    void channelBindingAddsPlusMechanismsFirst() {
        assertThat(mechanisms.offered(TLS_WITH_BINDING)).containsExactly(
                "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
    }

    @Test
    void plainWithoutTlsNeedsEncryption() {
        SaslServerMechanism refused = mechanisms.create("PLAIN", TlsInfo.PLAINTEXT);

        assertFailure(refused.evaluate(utf8("\0juliet\0r0meo!")), SaslFailure.ENCRYPTION_REQUIRED);
    }

    @Test
    void plusWithoutChannelBindingIsAnInvalidMechanism() {
        assertFailure(mechanisms.create("SCRAM-SHA-256-PLUS", TLS_WITHOUT_BINDING).evaluate(new byte[0]),
                SaslFailure.INVALID_MECHANISM);
    }

    @Test
    void unknownOrMiscasedNameIsAnInvalidMechanism() {
        assertFailure(mechanisms.create("DIGEST-MD5", TLS_WITH_BINDING).evaluate(new byte[0]), SaslFailure.INVALID_MECHANISM);
        assertFailure(mechanisms.create("scram-sha-1", TLS_WITH_BINDING).evaluate(new byte[0]), SaslFailure.INVALID_MECHANISM);
    }

    @Test
    void everyOfferedMechanismCanBeCreated() {
        for (String name : mechanisms.offered(TLS_WITH_BINDING)) {
            SaslServerMechanism mechanism = mechanisms.create(name, TLS_WITH_BINDING);
            assertThat(mechanism.name()).isEqualTo(name);
            assertThat(mechanism.evaluate(new byte[0])).isInstanceOf(Step.Challenge.class);
        }
    }

    @Test
    void failureElementNamesFollowRfc6120() {
        assertThat(SaslFailure.NOT_AUTHORIZED.elementName()).isEqualTo("not-authorized");
        assertThat(SaslFailure.TEMPORARY_AUTH_FAILURE.elementName()).isEqualTo("temporary-auth-failure");
        assertThat(SaslFailure.ABORTED.elementName()).isEqualTo("aborted");
    }
}
