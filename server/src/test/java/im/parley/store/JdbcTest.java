package im.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcTest {
    @Test
    void aSearchValueMatchesAsALowerCaseSubstringWithItsWildcardsEscaped() {
        assertThat(Jdbc.containsPattern("Ben")).isEqualTo("%ben%");
        assertThat(Jdbc.containsPattern("50%_off!")).isEqualTo("%50!%!_off!!%");
    }
}
