package im.parley.modules.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JID matching rules of XEP-0191 §5. */
class BlocklistTest {
    private static Blocklist blocking(String... jids) {
        return new Blocklist(Set.copyOf(List.of(jids).stream().map(Jid::parse).toList()));
    }

    private static Jid jid(String s) {
        return Jid.parse(s);
    }

    @Test
    void fullJidBlocksOnlyThatResource() {
        Blocklist list = blocking("romeo@montague.net/orchard");
        assertThat(list.blocks(jid("romeo@montague.net/orchard"))).isTrue();
        assertThat(list.blocks(jid("romeo@montague.net/garden"))).isFalse();
        assertThat(list.blocks(jid("romeo@montague.net"))).isFalse();
    }

    @Test
    void bareJidBlocksEveryResourceOfTheAccount() {
        Blocklist list = blocking("romeo@montague.net");
        assertThat(list.blocks(jid("romeo@montague.net"))).isTrue();
        assertThat(list.blocks(jid("romeo@montague.net/orchard"))).isTrue();
        assertThat(list.blocks(jid("benvolio@montague.net/street"))).isFalse();
        assertThat(list.blocks(jid("montague.net"))).isFalse();
    }

    /** §5 checks user@domain/resource against a domain/resource item too (as XEP-0016 does). */
    @Test
    void domainResourceBlocksOnlyThatResourceAtTheDomain() {
        Blocklist list = blocking("montague.net/bot");
        assertThat(list.blocks(jid("montague.net/bot"))).isTrue();
        assertThat(list.blocks(jid("romeo@montague.net/bot"))).isTrue();
        assertThat(list.blocks(jid("montague.net"))).isFalse();
        assertThat(list.blocks(jid("montague.net/other"))).isFalse();
        assertThat(list.blocks(jid("romeo@montague.net"))).isFalse();
    }

    @Test
    void domainBlocksTheDomainAndEveryAddressAtIt() {
        Blocklist list = blocking("montague.net");
        assertThat(list.blocks(jid("montague.net"))).isTrue();
        assertThat(list.blocks(jid("montague.net/bot"))).isTrue();
        assertThat(list.blocks(jid("romeo@montague.net"))).isTrue();
        assertThat(list.blocks(jid("romeo@montague.net/orchard"))).isTrue();
        assertThat(list.blocks(jid("juliet@capulet.com"))).isFalse();
        assertThat(list.blocks(jid("chat.montague.net"))).isFalse();
    }

    @Test
    void emptyListBlocksNothingAndChangesAreCopies() {
        Blocklist list = Blocklist.EMPTY.with(List.of(jid("romeo@montague.net")));
        assertThat(Blocklist.EMPTY.blocks(jid("romeo@montague.net"))).isFalse();
        assertThat(list.blocks(jid("romeo@montague.net"))).isTrue();
        assertThat(list.without(List.of(jid("romeo@montague.net"))).items()).isEmpty();
    }
}
