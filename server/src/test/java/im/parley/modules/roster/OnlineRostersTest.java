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
    private static final Jid ROMEO = Jid.parse("romeo@example.com");
    private static final Jid BENVOLIO = Jid.parse("benvolio@example.com");
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
        database.migrate("roster", "classpath:db/roster");
        backing = new JdbcRosterStore(database.jdbc());
        rosters = new OnlineRosters(countingReads(backing));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anAdmittedUsersRosterIsReadFromTheStoreOnceAndFollowsEveryChange() {
        backing.save(ROMEO, JULIET_BOTH);
        rosters.admit(ROMEO);
        int afterAdmission = rosterReads.get();

        assertThat(rosters.items(ROMEO)).containsExactly(JULIET_BOTH);
        assertThat(rosters.item(ROMEO, JULIET)).contains(JULIET_BOTH);
        assertThat(rosters.item(ROMEO, NURSE)).isEmpty();
        assertThat(rosters.count(ROMEO)).isEqualTo(1);
        assertThat(rosterReads.get()).isEqualTo(afterAdmission);

        long version = rosters.save(ROMEO, NURSE_FROM);
        assertThat(rosters.items(ROMEO)).containsExactly(JULIET_BOTH, NURSE_FROM);
        assertThat(rosters.version(ROMEO)).isEqualTo(version).isEqualTo(backing.version(ROMEO));
        rosters.remove(ROMEO, JULIET);
        assertThat(rosters.item(ROMEO, JULIET)).isEmpty();
        assertThat(rosters.items(ROMEO)).containsExactly(NURSE_FROM);
        rosters.deleteAll(ROMEO);
        assertThat(rosters.items(ROMEO)).isEmpty();
        assertThat(rosters.version(ROMEO)).isGreaterThan(version).isEqualTo(backing.version(ROMEO));
        assertThat(rosterReads.get()).as("writes are applied to the kept roster, not read back").isEqualTo(afterAdmission);
    }

    @Test
    void usersWithoutASessionAreReadFromTheStoreEachTime() {
        rosters.admit(ROMEO);
        rosters.release(ROMEO);
        backing.save(ROMEO, JULIET_BOTH);
        backing.save(BENVOLIO, NURSE_FROM);

        assertThat(rosters.item(ROMEO, JULIET)).contains(JULIET_BOTH);
        assertThat(rosters.items(BENVOLIO)).containsExactly(NURSE_FROM);
        assertThat(rosters.count(BENVOLIO)).isEqualTo(1);
    }

    @Test
    void aRosterTheStoreCannotLoadIsReadFromTheStoreLater() {
        failReads = true;
        rosters.admit(ROMEO);
        failReads = false;
        backing.save(ROMEO, JULIET_BOTH);

        assertThat(rosters.items(ROMEO)).containsExactly(JULIET_BOTH);
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
