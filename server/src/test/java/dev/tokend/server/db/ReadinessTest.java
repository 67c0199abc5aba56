package dev.tokend.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final FakeClock clock = new FakeClock();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void unreachableDatabaseIsNotReadyWithADetailThatNamesNoHost() {
        Readiness readiness = new Readiness(new Unreachable(), clock, Duration.ofSeconds(1), Duration.ofSeconds(5),
                executor);
        Readiness.Status status = readiness.check();
        assertThat(status.ready()).isFalse();
        assertThat(status.detail()).isEqualTo("the database is unreachable").doesNotContain("10.0.0.7");
    }

    @Test
    void resultIsReusedForMaxAgeThenProbedAgain() {
        Unreachable database = new Unreachable();
        Readiness readiness = new Readiness(database, clock, Duration.ofSeconds(1), Duration.ofSeconds(5), executor);
        readiness.check();
        clock.advance(Duration.ofMillis(1000));
        readiness.check();
        assertThat(database.calls.get()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        readiness.check();
        assertThat(database.calls.get()).isEqualTo(2);
    }

    @Test
    void hangingDatabaseIsNotReadyAfterTheTimeoutAndConcurrentCallersShareOneProbe() throws Exception {
        Hanging database = new Hanging();
        Readiness readiness = new Readiness(database, clock, Duration.ofSeconds(1), Duration.ofMillis(50), executor);
        try {
            Future<Readiness.Status> first = executor.submit(readiness::check);
            Future<Readiness.Status> second = executor.submit(readiness::check);
            assertThat(first.get(10, TimeUnit.SECONDS).ready()).isFalse();
            assertThat(second.get(10, TimeUnit.SECONDS).detail()).isEqualTo("the database did not answer within 50 ms");
            assertThat(readiness.check().ready()).isFalse();
            assertThat(database.calls.get()).isEqualTo(1);
        } finally {
            database.release.countDown();
        }
    }

    private static final class FakeClock implements InstantSource {
        volatile Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    /** Refuses every connection, as pgjdbc does when nothing listens. */
    private static class Unreachable implements DataSource {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            calls.incrementAndGet();
            throw new SQLException("Connection to 10.0.0.7:5432 refused.", "08001");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    /** Blocks every connection attempt until released, like a pool waiting on a dead server. */
    private static final class Hanging extends Unreachable {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Connection getConnection() throws SQLException {
            calls.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("Connection is not available, request timed out after 5000ms.", "08001");
        }
    }
}
