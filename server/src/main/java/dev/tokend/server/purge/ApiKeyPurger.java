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
 * Deletes API keys that expired longer ago than the retention (reference §7) and, in the same run,
 * the OAuth2 rows that {@link OAuth2Purge} describes: first run at start, then every 10 minutes;
 * at most {@value #MAX_PER_RUN} rows of each kind per run, in batches of {@value #BATCH}; one
 * replica at a time through a PostgreSQL advisory lock; as the least-privilege
 * {@link SystemSubjects#PURGE} subject. A failed run is logged and the next one runs as planned.
 * A zero {@code --api-keys-retention} disables the whole job, as its help text says ("0 disables
 * purging"): OAuth2 rows are then kept too.
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
    private final OAuth2Purge oauth2;
    private ScheduledExecutorService scheduler;

    /** What one run did; {@link #SKIPPED} when another replica held the lock. */
    public record Run(boolean skipped, int apiKeys, OAuth2Purge.Counts oauth2) {
        public static final Run SKIPPED = new Run(true, 0, OAuth2Purge.Counts.NONE);
    }

    /**
     * @param retention how long expired API keys are kept ({@code --api-keys-retention}; 0: never deleted)
     * @param oauth2Retention how long expired (or revoked) OAuth2 grant rows are kept
     *     ({@code OAuth2Settings.purgeAfter()})
     */
    public ApiKeyPurger(Jdbi jdbi, Authz authz, InstantSource clock, Duration retention, Duration oauth2Retention,
            MeterRegistry metrics) {
        this.oauth2 = new OAuth2Purge(oauth2Retention, metrics);
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
            LOG.info("Purge disabled (--api-keys-retention 0): expired API keys and OAuth2 grants are kept");
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
            LOG.error("Purge failed; retrying in {}", INTERVAL, e);
        }
    }

    /**
     * One run: deletes keys with {@code expires_at < now - retention}, then the OAuth2 rows past
     * theirs; {@link Run#SKIPPED} when another replica holds the lock, nothing when the retention is 0.
     */
    public Run runOnce() {
        if (retention.isZero()) {
            return new Run(false, 0, OAuth2Purge.Counts.NONE);
        }
        Subject subject = SystemSubjects.PURGE;
        // OAuth2 codes, device codes and refresh tokens have no RBAC type of their own: they are
        // credentials that mint API keys, deleted under the same right as the keys.
        if (!authz.can(subject, Action.DELETE, RbacObject.apiKey("", null))) {
            throw new IllegalStateException("the purge subject may not delete API keys");
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        Run run = jdbi.withHandle(h -> {
            if (!h.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", LOCK_KEY).mapTo(Boolean.class).one()) {
                return Run.SKIPPED;
            }
            try {
                return new Run(false, deleteBatches(h, cutoff), oauth2.run(h, now));
            } finally {
                h.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", LOCK_KEY).mapTo(Boolean.class).one();
            }
        });
        if (run.skipped()) {
            skipped.increment();
            LOG.debug("Purge skipped: another replica is purging");
            return run;
        }
        succeeded.increment();
        deleted.increment(run.apiKeys());
        LOG.info("API key purge deleted {} keys expired before {}", run.apiKeys(), cutoff);
        OAuth2Purge.Counts o = run.oauth2();
        LOG.info("OAuth2 purge deleted {} codes, {} device codes and {} refresh tokens expired or revoked before {}",
                o.codes(), o.deviceCodes(), o.refreshTokens(), oauth2.cutoff(now));
        return run;
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
