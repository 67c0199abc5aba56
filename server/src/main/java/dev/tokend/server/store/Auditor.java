package dev.tokend.server.store;

import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.db.AuditDao;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tokend.sdk.TokendJson;
import dev.tokend.server.error.ApiError;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit log. A successful change writes its row with {@link #write} on the handle of the
 * transaction that makes the change, so the change and its record commit or roll back together.
 * A failed attempt is recorded with {@link #attempt}/{@link #writeFailure} in a transaction of its own,
 * with the status code the client received.
 */
final class Auditor {
    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);

    private final Jdbi jdbi;
    private final InstantSource clock;

    Auditor(Jdbi jdbi, InstantSource clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts an entry for a change asked by {@code actor}: its request id, client IP, user agent and user. */
    AuditEntry begin(Actor actor, String resourceType, String action) {
        return new AuditEntry(actor.requestId(), actor.ip(), actor.userAgent(), resourceType, action)
                .actor(actor.userId());
    }

    /** Records a completed change inside the caller's transaction. */
    void write(Handle handle, AuditEntry entry, int statusCode) {
        insert(handle.attach(AuditDao.class), entry.complete(statusCode, clock.instant()));
    }

    /** Records a failed attempt in its own transaction; a failure to record is logged, never thrown over the answer. */
    void writeFailure(AuditEntry entry, int statusCode) {
        try {
            jdbi.useTransaction(h -> insert(h.attach(AuditDao.class), entry.complete(statusCode, clock.instant())));
        } catch (RuntimeException e) {
            LOG.error("could not record a failed attempt (status {})", statusCode, e);
        }
    }

    /**
     * Runs {@code body}; if it fails with an {@link ApiError} (a refused or invalid attempt), records
     * the attempt with that status and rethrows. {@code body} records success itself, in its transaction.
     */
    <T> T attempt(AuditEntry entry, Supplier<T> body) {
        try {
            return body.get();
        } catch (ApiError e) {
            writeFailure(entry, e.status());
            throw e;
        }
    }

    /** Like {@link #attempt(AuditEntry, Supplier)} for bodies without a result. */
    void attempt(AuditEntry entry, Runnable body) {
        attempt(entry, () -> {
            body.run();
            return null;
        });
    }

    private static void insert(AuditDao dao, AuditEntry.Row row) {
        dao.insertAuditLog(row.id(), row.time(), row.userId(), row.organizationId(), row.ip(), row.userAgent(),
                row.resourceType(), row.resourceId(), row.resourceTarget(), row.action(), json(row.diff()),
                row.statusCode(), json(row.additionalFields()), row.requestId());
    }

    private static String json(Map<String, Object> value) {
        try {
            return TokendJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit value is not serialisable", e);
        }
    }
}
