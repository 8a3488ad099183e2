package im.parley.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ContactRingTest {
    @Test
    void contactsAreTheNeighboursOnBothSidesAcrossTheWrap() {
        ContactRing ring = new ContactRing(10, 4);
        assertThat(IntStream.range(0, 4).map(k -> ring.contact(1, k))).containsExactly(2, 3, 10, 9);
        assertThat(IntStream.range(0, 4).map(k -> ring.contact(10, k))).containsExactly(1, 2, 9, 8);
    }

    @Test
    void isContactAgreesWithContactAndIsMutual() {
        ContactRing ring = new ContactRing(11, 6);
        for (int user = 1; user <= 11; user++) {
            Set<Integer> listed = new HashSet<>();
            for (int k = 0; k < 6; k++) {
                listed.add(ring.contact(user, k));
            }
            assertThat(listed).hasSize(6).doesNotContain(user);
            for (int other = 1; other <= 11; other++) {
                assertThat(ring.isContact(user, other)).as("%d-%d", user, other).isEqualTo(listed.contains(other))
                        .isEqualTo(ring.isContact(other, user));
            }
        }
    }

    @Test
    void refusesOddOrTooManyContacts() {
        assertThatThrownBy(() -> new ContactRing(10, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContactRing(4, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
