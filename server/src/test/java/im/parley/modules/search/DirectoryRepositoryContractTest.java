package im.parley.modules.search;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.modules.vcard.JdbcVCardRepository;
import im.parley.modules.vcard.VCard;
import im.parley.store.StoreContractTest;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user directory on every database: opt-in, searches per host, case and wildcards. */
class DirectoryRepositoryContractTest extends StoreContractTest {
    private static final Jid JULIET = Jid.parse("juliet@capulet.example");
    private static final Jid NURSE = Jid.parse("nurse@capulet.example");
    private static final Jid OTHER_JULIET = Jid.parse("juliet@montague.example");

    private DirectoryRepository directory;

    @BeforeEach
    void open() {
        database.migrate("vcard", "classpath:db/vcard");
        database.migrate("search", "classpath:db/search");
        directory = new JdbcDirectoryRepository(database.jdbc());
        JdbcVCardRepository vcards = new JdbcVCardRepository(database.jdbc());
        for (Jid user : List.of(JULIET, NURSE, OTHER_JULIET)) {
            database.jdbc().update("INSERT INTO account (host, username) VALUES (?, ?)", user.domain(), user.local());
            String xml = "<vCard xmlns='vcard-temp'><FN>" + user.local() + " 50%_off</FN></vCard>";
            vcards.save(user, new VCard(XmlText.readOne(xml)), xml);
        }
    }

    @Test
    void onlyListedUsersOfTheAskedHostAreFound() {
        directory.setListed(JULIET, true);
        directory.setListed(JULIET, true);
        directory.setListed(OTHER_JULIET, true);

        assertThat(directory.listed(JULIET)).isTrue();
        assertThat(directory.listed(NURSE)).isFalse();
        assertThat(directory.search("capulet.example", Map.of(SearchField.FULL_NAME, "JULI"), 10))
                .extracting(DirectoryEntry::username).containsExactly("juliet");
        directory.setListed(JULIET, false);
        assertThat(directory.search("capulet.example", Map.of(SearchField.FULL_NAME, "juli"), 10)).isEmpty();
    }

    @Test
    void wildcardsAreTakenLiterallyAndTheLimitHolds() {
        directory.setListed(JULIET, true);
        directory.setListed(NURSE, true);
        assertThat(directory.search("capulet.example", Map.of(SearchField.FULL_NAME, "50%_off"), 10))
                .extracting(DirectoryEntry::username).containsExactly("juliet", "nurse");
        assertThat(directory.search("capulet.example", Map.of(SearchField.FULL_NAME, "50%x"), 10)).isEmpty();
        assertThat(directory.search("capulet.example", Map.of(SearchField.FULL_NAME, "off"), 1)).hasSize(1);
    }
}
