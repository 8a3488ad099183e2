package im.parley.modules.vcard;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.StoreContractTest;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The vCard repository on every database. */
class VCardRepositoryContractTest extends StoreContractTest {
    private static final Jid JULIET = Jid.parse("juliet@capulet.example");
    private static final Jid OTHER_JULIET = Jid.parse("juliet@montague.example");

    private VCardRepository vcards;

    @BeforeEach
    void open() {
        database.migrate("vcard", "classpath:db/vcard");
        for (Jid user : java.util.List.of(JULIET, OTHER_JULIET)) {
            database.jdbc().update("INSERT INTO account (host, username) VALUES (?, ?)", user.domain(), user.local());
        }
        vcards = new JdbcVCardRepository(database.jdbc());
    }

    @Test
    void aVCardIsReplacedWholeAndKeptPerHost() {
        save(JULIET, "<vCard xmlns='vcard-temp'><FN>Juliet</FN></vCard>");
        save(JULIET, "<vCard xmlns='vcard-temp'><NICKNAME>Jules</NICKNAME></vCard>");

        assertThat(vcards.load(JULIET)).hasValueSatisfying(xml -> assertThat(xml).contains("Jules").doesNotContain("FN"));
        assertThat(vcards.load(OTHER_JULIET)).isEmpty();
        assertThat(vcards.photoHash(JULIET)).isEmpty();
    }

    @Test
    void nothingIsStoredForAnAccountThatIsGone() {
        Jid gone = Jid.parse("tybalt@capulet.example");
        save(gone, "<vCard xmlns='vcard-temp'><FN>Tybalt</FN></vCard>");
        assertThat(vcards.load(gone)).isEmpty();

        save(JULIET, "<vCard xmlns='vcard-temp'><FN>Juliet</FN></vCard>");
        database.jdbc().update("DELETE FROM account WHERE host = ? AND username = ?", JULIET.domain(), JULIET.local());
        assertThat(vcards.load(JULIET)).isEmpty();
    }

    private void save(Jid user, String xml) {
        Element element = XmlText.readOne(xml);
        vcards.save(user, new VCard(element), xml);
    }
}
