package dev.tokend.server.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts the embedded PostgreSQL when its postmaster dies (a {@code kill -9}, the OOM killer),
 * so that tokend recovers without being restarted itself: the pool reconnects on its own once the
 * server listens again on the same port.
 *
 * <p>Every {@link #CHECK_INTERVAL} it asks whether the postmaster is running. When it is not,
 * it restarts it at once, then, while restarts fail (a backend of the dead postmaster still
 * holding the shared memory, a full disk), again after 1 s, 2 s, 4 s … at most
 * {@link #MAX_BACKOFF} apart. Each death, attempt and recovery is logged; attempts are counted in
 * {@code tokend_embedded_postgres_restarts_total{outcome="success"|"failure"}}. A tick that throws
 * is logged and the schedule goes on. {@link #close()} stops the schedule, letting an attempt in
 * progress finish.
 */
public final class PostgresSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSupervisor.class);

    static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** What is supervised: the embedded server, or a fake in tests. */
    public interface Supervised {
        /** Whether the server process is running (a zombie is not). */
        boolean isRunning();

        /** Starts the server again on the same port; throws if it did not start. */
        void restart() throws Exception;
    }

    private final Supervised target;
    private final InstantSource clock;
    private final Counter successes;
    private final Counter failures;
    private ScheduledExecutorService scheduler; // guarded by this

    // Touched by the scheduler's single thread only (and by tests calling check() directly).
    private Instant downSince;
    private Instant nextAttempt;
    private Duration backoff = FIRST_BACKOFF;
    private int attempts;

    public PostgresSupervisor(Supervised target, InstantSource clock, MeterRegistry metrics) {
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.successes = counter(metrics, "success");
        this.failures = counter(metrics, "failure");
    }

    private static Counter counter(MeterRegistry metrics, String outcome) {
        return Counter.builder("tokend_embedded_postgres_restarts").tag("outcome", outcome)
                .description("Restarts of the embedded PostgreSQL after its postmaster died").register(metrics);
    }

    /** Starts checking every {@link #CHECK_INTERVAL} on a daemon thread. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tokend-postgres-supervisor");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::tick, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.error("Checking the embedded PostgreSQL failed; checking again in {} ms", CHECK_INTERVAL.toMillis(), e);
        }
    }

    /** One check, and a restart attempt if one is due. The scheduled task; tests call it directly. */
    void check() {
        if (target.isRunning()) {
            return;
        }
        Instant now = clock.instant();
        if (downSince == null) {
            downSince = now;
            nextAttempt = now;
            backoff = FIRST_BACKOFF;
            attempts = 0;
            LOG.error("Embedded PostgreSQL is not running (its postmaster died); restarting it");
        }
        if (now.isBefore(nextAttempt)) {
            return;
        }
        attempts++;
        try {
            target.restart();
        } catch (Exception e) {
            failures.increment();
            nextAttempt = now.plus(backoff);
            LOG.warn("Restarting the embedded PostgreSQL failed (attempt {}); next attempt in {} s", attempts,
                    backoff.toSeconds(), e);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            return;
        }
        successes.increment();
        LOG.warn("Embedded PostgreSQL restarted (attempt {}, {} ms after it was found dead)", attempts,
                Duration.between(downSince, clock.instant()).toMillis());
        downSince = null;
    }

    /** Stops checking; waits (bounded) for an attempt in progress. Idempotent. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("The embedded PostgreSQL supervisor did not stop within 60 s");
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }
}
