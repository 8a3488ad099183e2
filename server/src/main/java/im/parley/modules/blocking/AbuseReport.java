package im.parley.modules.blocking;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A report sent with a block (XEP-0377): who reported whom, why ({@code urn:xmpp:reporting:spam},
 * {@code urn:xmpp:reporting:abuse}), the reporter's optional words and the archived messages
 * (XEP-0359 stanza ids) it points at.
 */
public record AbuseReport(Jid reporter, Jid reported, String reason, String text, List<StanzaId> stanzaIds,
        Instant time) {
    public static final String NAMESPACE = "urn:xmpp:reporting:1";
    static final String STANZA_ID_NAMESPACE = "urn:xmpp:sid:0";
    /** Reports keep this much of the reporter's text: enough for an administrator, bounded per report. */
    static final int MAX_TEXT_LENGTH = 4000;

    /** A reported message: its id in the archive of {@code by} (XEP-0359). */
    public record StanzaId(String id, String by) {
    }

    public AbuseReport {
        stanzaIds = List.copyOf(stanzaIds);
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            text = text.substring(0, MAX_TEXT_LENGTH);
        }
    }

    /**
     * Reads a {@code <report/>}; throws {@link IllegalArgumentException} when it has no reason
     * (XEP-0377 §4: "Abuse reports MUST include a reason") or a stanza-id lacks 'id' or 'by'.
     */
    static AbuseReport parse(Element report, Jid reporter, Jid reported, Instant time) {
        String reason = report.attribute("reason");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A report needs a reason");
        }
        List<StanzaId> ids = new ArrayList<>();
        String text = null;
        for (Element child : report.elements()) {
            if (child.is("stanza-id", STANZA_ID_NAMESPACE)) {
                ids.add(stanzaId(child));
            } else if (child.is("text", NAMESPACE) && text == null) {
                text = child.text().strip();
            }
        }
        return new AbuseReport(reporter, reported, reason, text, ids, time);
    }

    private static StanzaId stanzaId(Element element) {
        String id = element.attribute("id");
        String by = element.attribute("by");
        if (id == null || by == null) {
            throw new IllegalArgumentException("A stanza-id needs 'id' and 'by'");
        }
        return new StanzaId(id, by);
    }
}
