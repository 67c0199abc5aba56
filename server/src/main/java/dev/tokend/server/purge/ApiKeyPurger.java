package dev.tokend.server.purge;

import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.store.Authz;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.Subject;
import dev.tokend.server.rbac.SystemSubjects;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes API keys that expired longer ago than the retention (reference §7): first run at start,
 * then every 10 minutes; at most {@value #MAX_PER_RUN} rows per run, in batches of
 * {@value #BATCH}; one replica at a time through a PostgreSQL advisory lock; as the least-privilege
 * {@link SystemSubjects#PURGE} subject. A failed run is logged and the next one runs as planned.
 */
public final class ApiKeyPurger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyPurger.class);

    static final Duration INTERVAL = Duration.ofMinutes(10);
    static final int BATCH = 1_000;
    static final int MAX_PER_RUN = 10_000;
    /** Advisory lock key shared by every replica (an arbitrary constant, "tokend purge"). */
    static final long LOCK_KEY = 7_324_517_002L;

    private final Jdbi jdbi;
    private final Authz authz;
    private final InstantSource clock;
    private final Duration retention;
    private final Counter deleted;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter skipped;
    private ScheduledExecutorService scheduler;

    public ApiKeyPurger(Jdbi jdbi, Authz authz, InstantSource clock, Duration retention, MeterRegistry metrics) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
        this.clock = Objects.requireNonNull(clock);
        this.retention = Objects.requireNonNull(retention);
        this.deleted = Counter.builder("tokend_purge_deleted_api_keys")
                .description("API keys deleted by the purge job").register(metrics);
        this.succeeded = runs(metrics, "success");
        this.failed = runs(metrics, "failure");
        this.skipped = runs(metrics, "skipped");
    }

    private static Counter runs(MeterRegistry metrics, String outcome) {
        return Counter.builder("tokend_purge_runs").tag("outcome", outcome)
                .description("Purge job runs by outcome (skipped: another replica held the lock)").register(metrics);
    }

    /** Schedules the job (first run now). Does nothing when the retention is 0 (purging disabled). */
    public synchronized void start() {
        if (retention.isZero()) {
            LOG.info("API key purge disabled (--api-keys-retention 0)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tokend-purge");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::tick, 0, INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }

    /** One scheduled tick: a run whose failure is logged and counted, never thrown (the schedule goes on). */
    public void tick() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // Survive a bad tick: log it, count it, and try again at the next interval.
            failed.increment();
            LOG.error("API key purge failed; retrying in {}", INTERVAL, e);
        }
    }

    /**
     * One run: deletes keys with {@code expires_at < now - retention}. Returns the number deleted,
     * or -1 when another replica holds the lock.
     */
    public int runOnce() {
        if (retention.isZero()) {
            return 0;
        }
        Subject subject = SystemSubjects.PURGE;
        if (!authz.can(subject, Action.DELETE, RbacObject.apiKey("", null))) {
            throw new IllegalStateException("the purge subject may not delete API keys");
        }
        Instant cutoff = clock.instant().minus(retention);
        int total = jdbi.withHandle(h -> {
            if (!h.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", LOCK_KEY).mapTo(Boolean.class).one()) {
                return -1;
            }
            try {
                return deleteBatches(h, cutoff);
            } finally {
                h.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", LOCK_KEY).mapTo(Boolean.class).one();
            }
        });
        if (total < 0) {
            skipped.increment();
            LOG.debug("API key purge skipped: another replica is purging");
            return total;
        }
        succeeded.increment();
        deleted.increment(total);
        LOG.info("API key purge deleted {} keys expired before {}", total, cutoff);
        return total;
    }

    private static int deleteBatches(Handle h, Instant cutoff) {
        ApiKeyDao dao = h.attach(ApiKeyDao.class);
        int total = 0;
        while (total < MAX_PER_RUN) {
            int n = dao.deleteExpiredApiKeys(cutoff, Math.min(BATCH, MAX_PER_RUN - total));
            total += n;
            if (n == 0) {
                break;
            }
        }
        return total;
    }

    /** Stops the schedule; a run in progress finishes (bounded wait). */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
