package im.parley.modules.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcDirectoryRepositoryTest {
    @Test
    void listingTakesTheBooleansOfDataForms() {
        assertThat(im.parley.xmpp.DataForm.parseBoolean("1")).isTrue();
        assertThat(im.parley.xmpp.DataForm.parseBoolean("true")).isTrue();
        assertThat(im.parley.xmpp.DataForm.parseBoolean("0")).isFalse();
        assertThat(im.parley.xmpp.DataForm.parseBoolean("false")).isFalse();
        assertThat(im.parley.xmpp.DataForm.parseBoolean("yes")).isNull();
        assertThat(im.parley.xmpp.DataForm.parseBoolean(null)).isNull();
    }
}
