package im.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** XEP-0474 (0.5.0) §6.1: the downgrade protection hash, each expected value built by hand from the XEP's rules. */
class AdvertisementTest {

    @Test
    void theXepsExampleHash() {
        // §6.3: SHA-1 of 'SCRAM-SHA-1\x1eSCRAM-SHA-1-PLUS\x1ftls-exporter\x1etls-server-end-point'.
        Advertisement advertised = new Advertisement(List.of("SCRAM-SHA-1", "SCRAM-SHA-1-PLUS"),
                List.of("tls-server-end-point", "tls-exporter"));

        assertThat(advertised.downgradeProtectionHash(ScramHash.SHA_1)).isEqualTo("G6k/rBLDqgOhRRaCuuatSDFkJ08=");
    }

    @Test
    void mechanismsAndTypesAreSortedByOctetsWhateverTheOfferedOrder() throws Exception {
        Advertisement advertised = new Advertisement(
                List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"),
                List.of("tls-server-end-point", "tls-exporter"));

        assertThat(advertised.downgradeProtectionHash(ScramHash.SHA_256)).isEqualTo(base64(sha256(
                "PLAIN\u001eSCRAM-SHA-1\u001eSCRAM-SHA-1-PLUS\u001eSCRAM-SHA-256\u001eSCRAM-SHA-256-PLUS"
                        + "\u001ftls-exporter\u001etls-server-end-point")));
    }

    @Test
    void withoutChannelBindingTypesThereIsNoSecondList() throws Exception {
        Advertisement advertised = new Advertisement(List.of("SCRAM-SHA-256", "SCRAM-SHA-1"), List.of());

        assertThat(advertised.downgradeProtectionHash(ScramHash.SHA_256))
                .isEqualTo(base64(sha256("SCRAM-SHA-1\u001eSCRAM-SHA-256")));
    }

    @Test
    void aShortenedListHashesDifferently() {
        Advertisement full = new Advertisement(List.of("SCRAM-SHA-256", "SCRAM-SHA-1"), List.of("tls-exporter"));
        Advertisement stripped = new Advertisement(List.of("SCRAM-SHA-1"), List.of("tls-exporter"));

        assertThat(stripped.downgradeProtectionHash(ScramHash.SHA_1))
                .isNotEqualTo(full.downgradeProtectionHash(ScramHash.SHA_1));
    }

    static byte[] sha256(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
    }

    static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
