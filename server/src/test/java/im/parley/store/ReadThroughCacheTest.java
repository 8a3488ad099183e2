package im.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadThroughCacheTest {
    private final Map<String, String> store = new ConcurrentHashMap<>(Map.of("a", "A0", "b", "B0"));
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void aSlowLoadHoldsUpNeitherOtherKeysNorWritesItsOwnCallersWaitForOneLoad() throws Exception {
        CountDownLatch loadStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ReadThroughCache<String, String> cache = new ReadThroughCache<>(100, key -> {
            loads.incrementAndGet();
            if (key.equals("a")) {
                loadStarted.countDown();
                await(release);
            }
            return store.get(key);
        });
        Thread first = Thread.ofVirtual().start(() -> cache.get("a"));
        assertThat(loadStarted.await(5, TimeUnit.SECONDS)).isTrue();
        Thread second = Thread.ofVirtual().start(() -> cache.get("a"));

        assertThat(cache.get("b")).isEqualTo("B0");
        release.countDown();
        first.join();
        second.join();

        assertThat(cache.get("a")).isEqualTo("A0");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aWriteIsKeptAndALoadThatStartedBeforeItCannotPutTheOldValueBack() throws Exception {
        CountDownLatch loadRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ReadThroughCache<String, String> cache = new ReadThroughCache<>(100, key -> {
            String value = store.get(key);
            loadRead.countDown();
            await(release);
            return value;
        });
        Thread reader = Thread.ofVirtual().start(() -> cache.get("a"));
        assertThat(loadRead.await(5, TimeUnit.SECONDS)).isTrue();

        Thread writer = Thread.ofVirtual().start(() -> cache.write("a", old -> {
            store.put("a", "A1");
            return "A1";
        }));
        release.countDown();
        reader.join();
        writer.join();

        assertThat(cache.get("a")).isEqualTo("A1");
    }

    @Test
    void aFailedLoadIsNotKept() {
        ReadThroughCache<String, String> cache = new ReadThroughCache<>(100, key -> {
            if (loads.incrementAndGet() == 1) {
                throw new StoreException("down", null);
            }
            return store.get(key);
        });
        assertThatThrownBy(() -> cache.get("a")).isInstanceOf(StoreException.class).hasMessage("down");
        assertThat(cache.get("a")).isEqualTo("A0");
    }

    @Test
    void aFailedWriteLeavesTheCachedValueAndInvalidateReadsTheStoreAgain() {
        ReadThroughCache<String, String> cache = new ReadThroughCache<>(100, store::get);
        assertThat(cache.get("a")).isEqualTo("A0");
        assertThatThrownBy(() -> cache.write("a", old -> {
            throw new StoreException("refused", null);
        })).hasMessage("refused");
        store.put("a", "A2");
        assertThat(cache.get("a")).isEqualTo("A0");
        cache.invalidate("a");
        assertThat(cache.get("a")).isEqualTo("A2");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
