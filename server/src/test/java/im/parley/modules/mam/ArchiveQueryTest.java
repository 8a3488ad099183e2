package im.parley.modules.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import im.parley.xmpp.StanzaError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArchiveQueryTest {
    @Test
    void theFormAndThePageAreRead() throws Exception {
        ArchiveQuery query = parse("<x xmlns='jabber:x:data' type='submit'>"
                + field("FORM_TYPE", "urn:xmpp:mam:2") + field("with", "juliet@capulet.lit")
                + field("start", "2010-06-07T00:00:00Z") + field("after-id", "a1") + field("before-id", "b1")
                + "</x><set xmlns='http://jabber.org/protocol/rsm'><max>10</max><before/></set><flip-page/>");
        assertThat(query.queryId()).isEqualTo("q1");
        assertThat(query.with()).isEqualTo(Jid.parse("juliet@capulet.lit"));
        assertThat(query.start()).isEqualTo(Instant.parse("2010-06-07T00:00:00Z"));
        assertThat(query.end()).isNull();
        assertThat(query.max()).isEqualTo(10);
        assertThat(query.backwards()).isTrue();
        assertThat(query.before()).isNull();
        assertThat(query.flipPage()).isTrue();
        assertThat(query.referencedIds()).containsExactly("a1", "b1");
        assertThat(query.ids()).isNull();
    }

    @Test
    void badInputGetsTheErrorTheSpecificationsName() {
        assertRejected("<x xmlns='jabber:x:data' type='submit'>" + field("fulltext", "x") + "</x>",
                StanzaError.FEATURE_NOT_IMPLEMENTED);
        assertRejected("<x xmlns='jabber:x:data' type='submit'>" + field("end", "tomorrow") + "</x>",
                StanzaError.BAD_REQUEST);
        assertRejected("<x xmlns='jabber:x:data' type='submit'>" + field("with", "@") + "</x>",
                StanzaError.JID_MALFORMED);
        assertRejected("<set xmlns='http://jabber.org/protocol/rsm'><max>-1</max></set>", StanzaError.BAD_REQUEST);
        assertRejected("<set xmlns='http://jabber.org/protocol/rsm'><index>3</index></set>",
                StanzaError.FEATURE_NOT_IMPLEMENTED);
    }

    private static void assertRejected(String inner, StanzaError condition) {
        assertThatThrownBy(() -> parse(inner)).isInstanceOfSatisfying(QueryRejected.class,
                e -> assertThat(e.condition()).isEqualTo(condition));
    }

    private static ArchiveQuery parse(String inner) throws QueryRejected {
        return ArchiveQuery.parse(XmlText.readOne("<query xmlns='urn:xmpp:mam:2' queryid='q1'>" + inner + "</query>"));
    }

    private static String field(String var, String value) {
        return "<field var='" + var + "'><value>" + value + "</value></field>";
    }
}
