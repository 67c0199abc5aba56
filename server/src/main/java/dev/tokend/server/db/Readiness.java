package dev.tokend.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, for the readiness probe ({@code /readyz}). Liveness
 * ({@code /healthz}) stays independent of the database: restarting tokend does not bring a
 * database back, while taking the replica out of the load balancer until it is back is right.
 *
 * <p>Cheap by construction, because probes arrive every few seconds from every kubelet and load
 * balancer: a result is reused for {@link #maxAge}; at most one {@code SELECT 1} is in flight
 * (concurrent callers share it); and a caller waits at most {@link #timeout} for it, so a
 * database that hangs, or a pool that waits its full connection timeout, still gives a prompt
 * "not ready". The probe runs through the pool that requests use, so "ready" means requests can
 * get a connection, and a probe after an outage also refills the pool.
 *
 * <p>Changes of state are logged once (warn when the database becomes unreachable, info when it
 * is back), not on every probe.
 */
public final class Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    /** The outcome of one probe. {@code detail} is fit for an unauthenticated caller: no host, no SQL. */
    public record Status(boolean ready, String detail, Instant checkedAt) {
        public Status {
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(checkedAt, "checkedAt");
        }
    }

    private final DataSource dataSource;
    private final InstantSource clock;
    private final Duration maxAge;
    private final Duration timeout;
    private final Executor executor;
    private final AtomicReference<CompletableFuture<Status>> inFlight = new AtomicReference<>();
    private volatile Status last;

    /**
     * @param maxAge how long a probe's result is reused
     * @param timeout how long {@link #check()} waits for a probe before answering "not ready"
     * @param executor runs the probes (a probe may outlive the caller that started it)
     */
    public Readiness(DataSource dataSource, InstantSource clock, Duration maxAge, Duration timeout, Executor executor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** One-second results, a one-second wait, probes on virtual threads. */
    public static Readiness of(DataSource dataSource, InstantSource clock) {
        return new Readiness(dataSource, clock, Duration.ofSeconds(1), Duration.ofSeconds(1),
                command -> Thread.ofVirtual().name("tokend-readiness").start(command));
    }

    /** The database's state: a recent result, the probe in flight, or a new probe. */
    public Status check() {
        Status cached = last;
        if (cached != null && !clock.instant().isAfter(cached.checkedAt().plus(maxAge))) {
            return cached;
        }
        CompletableFuture<Status> probe = joinOrStartProbe();
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Status(false, "the database did not answer within " + timeout.toMillis() + " ms",
                    clock.instant());
        } catch (ExecutionException e) {
            // probe() catches what the driver throws; anything else is a bug, reported as not ready.
            LOG.error("Readiness probe failed unexpectedly", e.getCause());
            return new Status(false, "the readiness probe failed", clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(false, "interrupted", clock.instant());
        }
    }

    private CompletableFuture<Status> joinOrStartProbe() {
        while (true) {
            CompletableFuture<Status> running = inFlight.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<Status> mine = new CompletableFuture<>();
            if (inFlight.compareAndSet(null, mine)) {
                executor.execute(() -> {
                    Status status = probe();
                    record(status);
                    inFlight.set(null);
                    mine.complete(status);
                });
                return mine;
            }
        }
    }

    private Status probe() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            statement.execute("SELECT 1");
            return new Status(true, "", clock.instant());
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Readiness probe: the database is unreachable", e);
            return new Status(false, "the database is unreachable", clock.instant());
        }
    }

    private void record(Status status) {
        Status previous = last;
        last = status;
        if (status.ready() && previous != null && !previous.ready()) {
            LOG.info("The database is reachable again; ready");
        } else if (!status.ready() && (previous == null || previous.ready())) {
            LOG.warn("The database is unreachable; not ready until it answers again");
        }
    }
}
