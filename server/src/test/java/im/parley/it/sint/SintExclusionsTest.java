package im.parley.it.sint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SintExclusionsTest {
    private static final String PING = "org.jivesoftware.smackx.ping.PingIntegrationTest";
    private static final String FILE_TRANSFER = "org.jivesoftware.smackx.filetransfer.FileTransferIntegrationTest";

    private static SintCatalog catalog;

    @BeforeAll
    static void discover() {
        catalog = SintCatalog.discover();
    }

    @Test
    void catalogListsConcreteTestClassesWithTheirSpecification() {
        SintCatalog.TestClass ping = catalog.find("PingIntegrationTest").orElseThrow();
        assertThat(ping.type().getName()).isEqualTo(PING);
        assertThat(ping.specification()).isEqualTo("XEP-0199");
        assertThat(ping.testMethods()).containsExactly("pingAsync", "pingServer");
        assertThat(catalog.find("AbstractMultiUserChatIntegrationTest")).isEmpty();
        assertThat(catalog.hasSpecification("xep0045")).isTrue();
    }

    @Test
    void resolvesSpecificationsClassesAndMethodsWithTheirReasons() throws IOException {
        SintExclusions exclusions = parse("""
                XEP-0045 = no multi-user chat yet
                PingIntegrationTest = reason one
                FileTransferIntegrationTest.fileTransferTest = reason two
                """);
        assertThat(exclusions.specifications()).containsExactly(Map.entry("XEP-0045", "no multi-user chat yet"));
        assertThat(exclusions.classes()).containsOnlyKeys(PING);
        assertThat(exclusions.methods()).containsOnlyKeys(FILE_TRANSFER + ".fileTransferTest");
    }

    @Test
    void aDisabledMethodLeavesTheRestOfItsClassEnabled() throws IOException {
        SintExclusions exclusions = parse("FileTransferIntegrationTest.fileTransferTest = needs a SOCKS5 proxy");
        assertThat(exclusions.enabledTests())
                .contains(FILE_TRANSFER + ".ibbFileTransferTest", PING)
                .doesNotContain(FILE_TRANSFER, FILE_TRANSFER + ".fileTransferTest");
    }

    @Test
    void withoutMethodEntriesNothingIsNarrowedByEnabledTests() throws IOException {
        assertThat(parse("PingIntegrationTest = a reason").enabledTests()).isEmpty();
    }

    @Test
    void rejectsEntriesThatNameNothingOrGiveNoReason() {
        assertThatThrownBy(() -> parse("NoSuchIntegrationTest = typo")).hasMessageContaining("NoSuchIntegrationTest");
        assertThatThrownBy(() -> parse("PingIntegrationTest.pingNobody = typo")).hasMessageContaining("pingNobody");
        assertThatThrownBy(() -> parse("XEP-9999 = typo")).hasMessageContaining("XEP-9999");
        assertThatThrownBy(() -> parse("PingIntegrationTest =")).hasMessageContaining("without a reason");
    }

    @Test
    void theCommittedDisabledListNamesOnlyRealTests() {
        SintExclusions committed = SintExclusions.load("/sint-disabled.properties", catalog);
        assertThat(committed.specifications()).isNotEmpty();
    }

    @Test
    void theCommittedRacyListNamesOnlyRealTestsAndNoSpecification() {
        SintExclusions racy = SintExclusions.load("/sint-racy.properties", catalog);
        assertThat(racy.classes()).isNotEmpty();
        // A whole specification is never "racy": only tests whose race is known.
        assertThat(racy.specifications()).isEmpty();
    }

    private static SintExclusions parse(String text) throws IOException {
        return SintExclusions.parse(new StringReader(text), catalog);
    }
}
