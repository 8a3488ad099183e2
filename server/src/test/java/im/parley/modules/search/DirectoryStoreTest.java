package im.parley.modules.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectoryStoreTest {
    @Test
    void aSearchValueMatchesAsALowerCaseSubstringWithItsWildcardsEscaped() {
        assertThat(DirectoryStore.containsPattern("Ben")).isEqualTo("%ben%");
        assertThat(DirectoryStore.containsPattern("50%_off!")).isEqualTo("%50!%!_off!!%");
    }

    @Test
    void listingTakesTheBooleansOfDataForms() {
        assertThat(DirectoryListingCommand.parseBoolean("1")).isTrue();
        assertThat(DirectoryListingCommand.parseBoolean("true")).isTrue();
        assertThat(DirectoryListingCommand.parseBoolean("0")).isFalse();
        assertThat(DirectoryListingCommand.parseBoolean("false")).isFalse();
        assertThat(DirectoryListingCommand.parseBoolean("yes")).isNull();
        assertThat(DirectoryListingCommand.parseBoolean(null)).isNull();
    }
}
