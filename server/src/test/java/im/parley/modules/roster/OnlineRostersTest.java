package im.parley.modules.roster;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.config.StoreConfig;
import im.parley.store.Database;
import im.parley.store.StoreException;
import im.parley.xmpp.Jid;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rosters of users with a session come from memory, and never lag behind a change. */
class OnlineRostersTest {
    private static final Jid JULIET = Jid.parse("juliet@example.com");
    private static final Jid NURSE = Jid.parse("nurse@example.com");
    private static final RosterItem JULIET_BOTH = new RosterItem(JULIET, "Juliet", Subscription.BOTH, false, false,
            Set.of("Friends"));
    private static final RosterItem NURSE_FROM = new RosterItem(NURSE, null, Subscription.FROM, false, false, Set.of());

    @TempDir
    Path dataDir;
    private Database database;
    private RosterStore backing;
    private final AtomicInteger rosterReads = new AtomicInteger();
    private OnlineRosters rosters;
    private volatile boolean failReads;

    @BeforeEach
    void open() {
        database = Database.open(StoreConfig.EMBEDDED, dataDir);
        backing = new JdbcRosterStore(database.jdbc());
        rosters = new OnlineRosters(countingReads(backing));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anAdmittedUsersRosterIsReadFromTheStoreOnceAndFollowsEveryChange() {
        backing.save("romeo", JULIET_BOTH);
        rosters.admit("romeo");
        int afterAdmission = rosterReads.get();

        assertThat(rosters.items("romeo")).containsExactly(JULIET_BOTH);
        assertThat(rosters.item("romeo", JULIET)).contains(JULIET_BOTH);
        assertThat(rosters.item("romeo", NURSE)).isEmpty();
        assertThat(rosters.count("romeo")).isEqualTo(1);
        assertThat(rosterReads.get()).isEqualTo(afterAdmission);

        long version = rosters.save("romeo", NURSE_FROM);
        assertThat(rosters.items("romeo")).containsExactly(JULIET_BOTH, NURSE_FROM);
        assertThat(rosters.version("romeo")).isEqualTo(version).isEqualTo(backing.version("romeo"));
        rosters.remove("romeo", JULIET);
        assertThat(rosters.item("romeo", JULIET)).isEmpty();
        assertThat(rosters.items("romeo")).containsExactly(NURSE_FROM);
        rosters.deleteAll("romeo");
        assertThat(rosters.items("romeo")).isEmpty();
        assertThat(rosters.version("romeo")).isGreaterThan(version).isEqualTo(backing.version("romeo"));
        assertThat(rosterReads.get()).as("writes are applied to the kept roster, not read back").isEqualTo(afterAdmission);
    }

    @Test
    void usersWithoutASessionAreReadFromTheStoreEachTime() {
        rosters.admit("romeo");
        rosters.release("romeo");
        backing.save("romeo", JULIET_BOTH);
        backing.save("benvolio", NURSE_FROM);

        assertThat(rosters.item("romeo", JULIET)).contains(JULIET_BOTH);
        assertThat(rosters.items("benvolio")).containsExactly(NURSE_FROM);
        assertThat(rosters.count("benvolio")).isEqualTo(1);
    }

    @Test
    void aRosterTheStoreCannotLoadIsReadFromTheStoreLater() {
        failReads = true;
        rosters.admit("romeo");
        failReads = false;
        backing.save("romeo", JULIET_BOTH);

        assertThat(rosters.items("romeo")).containsExactly(JULIET_BOTH);
    }

    /** The store, counting the reads of roster items, and failing them while {@link #failReads}. */
    private RosterStore countingReads(RosterStore store) {
        return (RosterStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RosterStore.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("item") || method.getName().equals("count")) {
                        rosterReads.incrementAndGet();
                        if (failReads) {
                            throw new StoreException("the store is down", null);
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
