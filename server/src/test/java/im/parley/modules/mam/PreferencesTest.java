package im.parley.modules.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreferencesTest {
    private static final Jid ROMEO = Jid.parse("romeo@example.net/orchard");

    @Test
    void aListedBareJidMatchesEveryResourceAFullJidOnlyItselfAndNeverWins() {
        Preferences prefs = new Preferences(Preferences.Default.NEVER, List.of(Jid.parse("romeo@example.net")),
                List.of(Jid.parse("romeo@example.net/balcony")));
        assertThat(prefs.archives(ROMEO, () -> false)).isTrue();
        assertThat(prefs.archives(Jid.parse("romeo@example.net/balcony"), () -> true)).isFalse();
        assertThat(prefs.archives(Jid.parse("nurse@example.com"), () -> true)).isFalse();
    }

    @Test
    void theRosterDefaultAsksTheRosterAndOnlyThen() {
        assertThat(Preferences.of(Preferences.Default.ROSTER).archives(ROMEO, () -> true)).isTrue();
        assertThat(Preferences.of(Preferences.Default.ROSTER).archives(ROMEO, () -> false)).isFalse();
        assertThat(Preferences.of(Preferences.Default.ALWAYS).archives(ROMEO, () -> {
            throw new AssertionError("the roster is not asked");
        })).isTrue();
    }

    @Test
    void preferencesReadBackWhatTheyWriteAndRefuseAnUnknownDefault() {
        Preferences prefs = new Preferences(Preferences.Default.ROSTER, List.of(ROMEO), List.of(Jid.parse("nurse@example.com")));
        assertThat(Preferences.parse(XmlText.readOne(XmlText.write(prefs.toElement())))).isEqualTo(prefs);
        assertThat(XmlText.write(Preferences.of(Preferences.Default.ALWAYS).toElement()))
                .contains("<always/>", "<never/>");
        assertThatThrownBy(() -> Preferences.parse(XmlText.readOne("<prefs xmlns='urn:xmpp:mam:2' default='sometimes'/>")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
