package dev.tokend.server.purge;

import dev.tokend.server.db.OAuth2Dao;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;

/**
 * The OAuth2 part of the purge job, run by {@link ApiKeyPurger} in each of its runs (same schedule,
 * same advisory lock, same subject): deletes authorization codes and device codes that expired,
 * and refresh tokens that expired or were revoked, longer than {@code retention} ago. Each kind
 * goes in batches of {@value ApiKeyPurger#BATCH}, at most {@value ApiKeyPurger#MAX_PER_RUN} per run.
 *
 * <p>Why this is safe for reuse detection (docs/oauth2.md "Purge"): a token is judged by its own
 * row. A rotated refresh token is kept while it is unexpired, because presenting it is what
 * revokes its family; once expired it is refused before reuse is even considered, and a missing
 * row is refused the same way. A revoked token is refused whatever happens, and a missing
 * successor counts as used, so a grace retry fails closed. A used code stays until it has been
 * expired for the retention, and its reuse revokes what it issued for that long.
 */
public final class OAuth2Purge {
    /** What one run deleted. */
    public record Counts(int codes, int deviceCodes, int refreshTokens) {
        public static final Counts NONE = new Counts(0, 0, 0);

        public int total() {
            return codes + deviceCodes + refreshTokens;
        }
    }

    private final Duration retention;
    private final Counter codes;
    private final Counter deviceCodes;
    private final Counter refreshTokens;

    public OAuth2Purge(Duration retention, MeterRegistry metrics) {
        this.retention = Objects.requireNonNull(retention);
        this.codes = deleted(metrics, "code");
        this.deviceCodes = deleted(metrics, "device_code");
        this.refreshTokens = deleted(metrics, "refresh_token");
    }

    private static Counter deleted(MeterRegistry metrics, String kind) {
        return Counter.builder("tokend_purge_deleted_oauth2_rows").tag("kind", kind)
                .description("OAuth2 codes, device codes and refresh tokens deleted by the purge job")
                .register(metrics);
    }

    /** The cutoff of a run at {@code now}: rows expired (or revoked) before it go. */
    Instant cutoff(Instant now) {
        return now.minus(retention);
    }

    /** One run on a handle that holds the purge lock. */
    Counts run(Handle h, Instant now) {
        Instant cutoff = cutoff(now);
        OAuth2Dao dao = h.attach(OAuth2Dao.class);
        Counts counts = new Counts(batches(cutoff, dao::deleteExpiredOAuth2Codes),
                batches(cutoff, dao::deleteExpiredOAuth2DeviceCodes),
                batches(cutoff, dao::deleteDeadOAuth2RefreshTokens));
        codes.increment(counts.codes());
        deviceCodes.increment(counts.deviceCodes());
        refreshTokens.increment(counts.refreshTokens());
        return counts;
    }

    private static int batches(Instant cutoff, BiFunction<Instant, Integer, Integer> deleteBatch) {
        int total = 0;
        while (total < ApiKeyPurger.MAX_PER_RUN) {
            int n = deleteBatch.apply(cutoff, Math.min(ApiKeyPurger.BATCH, ApiKeyPurger.MAX_PER_RUN - total));
            total += n;
            if (n == 0) {
                break;
            }
        }
        return total;
    }
}
