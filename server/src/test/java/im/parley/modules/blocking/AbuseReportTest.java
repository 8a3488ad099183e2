package im.parley.modules.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading the XEP-0377 report payload. */
class AbuseReportTest {
    private static final Jid JULIET = Jid.parse("juliet@example.com");
    private static final Jid ROMEO = Jid.parse("romeo@example.net");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void readsReasonTextAndStanzaIds() {
        Element report = Element.builder("report", AbuseReport.NAMESPACE)
                .attribute("reason", "urn:xmpp:reporting:spam")
                .child(Element.builder("stanza-id", "urn:xmpp:sid:0").attribute("by", "romeo@example.net")
                        .attribute("id", "28482-98726-73623").build())
                .child(Element.builder("text", AbuseReport.NAMESPACE).attribute("xml:lang", "en")
                        .text("\n  Never came trouble to my house like this.\n").build())
                .build();

        AbuseReport parsed = AbuseReport.parse(report, JULIET, ROMEO, NOW);

        assertThat(parsed.reason()).isEqualTo("urn:xmpp:reporting:spam");
        assertThat(parsed.text()).isEqualTo("Never came trouble to my house like this.");
        assertThat(parsed.stanzaIds()).containsExactly(
                new AbuseReport.StanzaId("28482-98726-73623", "romeo@example.net"));
        assertThat(parsed.reporter()).isEqualTo(JULIET);
        assertThat(parsed.reported()).isEqualTo(ROMEO);
    }

    @Test
    void aReportWithoutReasonIsRefused() {
        Element report = Element.of("report", AbuseReport.NAMESPACE);
        assertThatThrownBy(() -> AbuseReport.parse(report, JULIET, ROMEO, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longTextIsCut() {
        AbuseReport report = new AbuseReport(JULIET, ROMEO, "urn:xmpp:reporting:abuse",
                "x".repeat(AbuseReport.MAX_TEXT_LENGTH + 10), java.util.List.of(), NOW);
        assertThat(report.text()).hasSize(AbuseReport.MAX_TEXT_LENGTH);
    }
}
