package org.keywork.support.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keywork.testing.MongoWireServers;

/**
 * Two instances of a service (two ClusterJobs on one store, as two JVMs would have) and one job: it runs on one of
 * them at a time; the lock outlives a quick run for {@code atLeastFor}, and a lock left by an instance that died is
 * taken over after {@code atMostFor}.
 */
class ClusterJobsTest {

    private MongoClient client;
    private MongoCollection<Document> locks;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ClusterJobs first;
    private ClusterJobs second;

    @BeforeEach
    void twoInstances() {
        String database = "jobs-" + System.nanoTime();
        client = MongoClients.create(MongoWireServers.uri(database));
        locks = client.getDatabase(database).getCollection(ClusterJobs.COLLECTION);
        first = new ClusterJobs(new MongoLockProvider(locks), meters, Clock.systemUTC());
        second = new ClusterJobs(new MongoLockProvider(locks), meters, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void whileOneInstanceRunsTheJobTheOtherSkipsItAndRunsItOnceItIsFree() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        ClusterJobs.Lease lease = ClusterJobs.Lease.atMost(Duration.ofMinutes(5));
        Thread slow = new Thread(() -> first.runOnce("sweep", lease, () -> {
            runs.incrementAndGet();
            running.countDown();
            await(finish);
        }));
        slow.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        boolean ranOnSecond = second.runOnce("sweep", lease, runs::incrementAndGet);

        assertThat(ranOnSecond).isFalse();
        assertThat(runs).hasValue(1);
        // the lock document names the job; another job is not held up by it
        assertThat(locks.find(Filters.eq("_id", "sweep")).first()).isNotNull();
        assertThat(second.runOnce("other-job", lease, runs::incrementAndGet)).isTrue();

        finish.countDown();
        slow.join(10_000);
        assertThat(second.runOnce("sweep", lease, runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(3);
        assertThat(meters.counter(ClusterJobs.METER, "job", "sweep", "outcome", "ran").count()).isEqualTo(2);
        assertThat(meters.counter(ClusterJobs.METER, "job", "sweep", "outcome", "skipped").count()).isEqualTo(1);
    }

    @Test
    void aQuickRunKeepsTheLockForItsMinimumSoALateTimerElsewhereSkipsTheSameTick() {
        ClusterJobs.Lease lease = new ClusterJobs.Lease(Duration.ofMinutes(10), Duration.ofHours(1));
        AtomicInteger runs = new AtomicInteger();

        assertThat(first.runOnce("daily", lease, runs::incrementAndGet)).isTrue();
        assertThat(second.runOnce("daily", lease, runs::incrementAndGet)).isFalse();
        assertThat(first.runOnce("daily", lease, runs::incrementAndGet)).isFalse();

        assertThat(runs).hasValue(1);
        Date until = locks.find(Filters.eq("_id", "daily")).first().getDate("lockUntil");
        assertThat(until.toInstant()).isAfter(Instant.now().plus(Duration.ofMinutes(9)));
    }

    @Test
    void aLockLeftByAnInstanceThatDiedIsTakenOverOnceItsMaximumHasPassed() {
        // an instance died while running the job: its lock says "until" a moment ago
        locks.insertOne(new Document("_id", "escalations").append("lockUntil", Date.from(Instant.now().minusSeconds(1)))
                .append("lockedAt", Date.from(Instant.now().minus(Duration.ofMinutes(30)))).append("lockedBy", "gone"));
        AtomicInteger runs = new AtomicInteger();

        assertThat(second.runOnce("escalations", ClusterJobs.Lease.atMost(Duration.ofMinutes(30)),
                runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aFailingRunReleasesTheLockAndIsCounted() {
        ClusterJobs.Lease lease = ClusterJobs.Lease.atMost(Duration.ofMinutes(5));
        try {
            first.runOnce("flaky", lease, () -> {
                throw new IllegalStateException("store unreachable");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("store unreachable");
        }
        AtomicInteger runs = new AtomicInteger();
        assertThat(second.runOnce("flaky", lease, runs::incrementAndGet)).isTrue();
        assertThat(meters.counter(ClusterJobs.METER, "job", "flaky", "outcome", "failed").count()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
