package im.parley.bench.scenario;

/**
 * The rosters of the {@code roster} scenario: users 1..N stand on a ring and each one's C contacts
 * are the C/2 users before it and the C/2 after it, every subscription mutual ("both"). The
 * scenario and every provisioner share it, so that what is stored is what is measured.
 *
 * @param users how many users N (more than C)
 * @param contacts contacts per user C, even; 0 for empty rosters
 */
public record ContactRing(int users, int contacts) {

    public ContactRing {
        if (contacts < 0 || contacts % 2 != 0 || users <= contacts) {
            throw new IllegalArgumentException("contacts must be even, at least 0 and smaller than users");
        }
    }

    /** The k-th contact (0-based) of user i: the C/2 users after it first, then the C/2 before it. */
    public int contact(int user, int k) {
        int half = contacts / 2;
        int offset = k < half ? k + 1 : -(k - half + 1);
        return Math.floorMod(user - 1 + offset, users) + 1;
    }

    /** Whether {@code other} is one of {@code user}'s contacts: at most C/2 steps away on the ring, either way. */
    public boolean isContact(int user, int other) {
        int distance = Math.floorMod(other - user, users);
        return distance != 0 && Math.min(distance, users - distance) <= contacts / 2;
    }
}
