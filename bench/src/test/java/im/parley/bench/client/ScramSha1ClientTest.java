package im.parley.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The example exchange of RFC 5802 §5 (user "user", password "pencil"). */
class ScramSha1ClientTest {
    private static final String NONCE = "fyko+d2lbbFgONRv9qkxdawL";
    private static final String SERVER_FIRST = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";

    @Test
    void producesTheRfcMessages() {
        ScramSha1Client client = new ScramSha1Client("user", "pencil", NONCE);
        assertThat(client.clientFirst()).isEqualTo("n,,n=user,r=" + NONCE);
        assertThat(client.clientFinal(SERVER_FIRST))
                .isEqualTo("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        assertThat(client.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")).isTrue();
    }

    @Test
    void rejectsAWrongServerSignature() {
        ScramSha1Client client = new ScramSha1Client("user", "pencil", NONCE);
        client.clientFinal(SERVER_FIRST);
        assertThat(client.verifyServerFinal("v=AAAApqV8S7suAoZWja4dJRkFsKQ=")).isFalse();
    }

    @Test
    void rejectsAServerNonceThatDoesNotExtendOurs() {
        ScramSha1Client client = new ScramSha1Client("user", "pencil", NONCE);
        assertThatThrownBy(() -> client.clientFinal("r=other,s=QSXCR+Q6sek8bf92,i=4096"))
                .isInstanceOf(IllegalStateException.class);
    }
}
