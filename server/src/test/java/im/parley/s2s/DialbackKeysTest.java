package im.parley.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialbackKeysTest {
    /** XEP-0220 §2.1.1's example, which uses XEP-0185's recipe. */
    @Test
    void makesTheKeyOfTheSpecificationsExample() {
        DialbackKeys keys = new DialbackKeys("s3cr3tf0rd14lb4ck");
        assertThat(keys.key("montague.example", "capulet.example", "D60000229F"))
                .isEqualTo("b4835385f37fe2895af6c196b59097b16862406db80559900d96bf6fa7d23df3");
    }

    @Test
    void verifiesOnlyItsOwnKeyForTheSameDomainsAndStream() {
        DialbackKeys keys = DialbackKeys.random();
        String key = keys.key("b.test", "a.test", "s1");
        assertThat(keys.verify("b.test", "a.test", "s1", " " + key + "\n")).isTrue();
        assertThat(keys.verify("b.test", "a.test", "s2", key)).isFalse();
        assertThat(keys.verify("a.test", "b.test", "s1", key)).isFalse();
        assertThat(DialbackKeys.random().verify("b.test", "a.test", "s1", key)).isFalse();
    }
}
