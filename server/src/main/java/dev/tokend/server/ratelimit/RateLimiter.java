package dev.tokend.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tokend.sdk.GoDuration;
import dev.tokend.sdk.model.Response;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.Middleware;
import dev.tokend.server.http.RequestInfo;
import dev.tokend.server.http.middleware.PrecheckFilter;
import dev.tokend.server.rbac.AllowList;
import dev.tokend.server.rbac.Roles;
import dev.tokend.server.rbac.Scopes;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Requests per (principal, route pattern) per window (reference §3.6), with Bucket4j token buckets:
 * the principal is the pre-checked user when the key was fully validated, else the client IP. So a
 * user has the same budget from every address, and an office behind one NAT is not throttled as one
 * user (the reference's bug #20857).
 *
 * <p>Buckets live in a bounded cache (idle ones are evicted), so a flood of distinct addresses
 * cannot exhaust the heap. {@code X-Coder-Bypass-Ratelimit: true} lifts the limit for an owner's
 * unscoped key ({@code coder:all}, {@code *:*}), answers 428 JSON to every other authenticated key
 * (a scoped owner token included), and is ignored for anonymous callers.
 */
public final class RateLimiter implements Middleware {
    public static final HeaderName BYPASS = HeaderNames.create("X-Coder-Bypass-Ratelimit");
    // NOTE: the reference's wire string (spec §3.6); clients match on it.
    static final String BYPASS_DENIED = "\"X-Coder-Bypass-Ratelimit\" provided but user is not owner";
    static final String BYPASS_DETAIL = "Only an owner's unscoped key (scope coder:all, allow list *:*) may bypass "
            + "rate limits.";

    private final int limit;
    private final Duration window;
    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;
    private final MeterRegistry metrics;

    /**
     * @param limit requests per window; {@code <= 0} means no limit (use {@link #disabled()})
     * @param maxKeys how many (principal, route) buckets to keep; least recently used go first
     */
    public RateLimiter(int limit, Duration window, InstantSource clock, long maxKeys, MeterRegistry metrics) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive; use RateLimiter.disabled()");
        }
        this.limit = limit;
        this.window = Objects.requireNonNull(window);
        this.metrics = Objects.requireNonNull(metrics);
        Objects.requireNonNull(clock);
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                var now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        // An idle bucket older than a window is full again anyway: forgetting it changes nothing.
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(window.multipliedBy(2)).build();
    }

    /** A middleware that limits nothing (rate limits off): no per-request work at all. */
    public static Middleware disabled() {
        return next -> next;
    }

    /** How many buckets are held now (for the bounded-memory test). */
    public long bucketCount() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public Handler wrap(Handler next) {
        return (req, res) -> {
            var user = PrecheckFilter.authenticated(req);
            if (bypassRequested(req) && user.isPresent()) {
                if (unscopedOwner(user.get())) {
                    next.handle(req, res);
                    return;
                }
                throw ApiError.of(428, BYPASS_DENIED, BYPASS_DETAIL);
            }
            String route = RequestInfo.of(req).routePattern();
            String principal = user.map(a -> "user:" + a.user().id())
                    .orElseGet(() -> "ip:" + RequestInfo.of(req).clientIp().getHostAddress());
            ConsumptionProbe probe = consume(principal + " " + route);
            long resetSeconds = ceilSeconds(probe.getNanosToWaitForReset());
            header(res, "RateLimit-Limit", limit);
            header(res, "RateLimit-Remaining", probe.getRemainingTokens());
            header(res, "RateLimit-Reset", resetSeconds);
            header(res, "X-RateLimit-Limit", limit);
            header(res, "X-RateLimit-Remaining", probe.getRemainingTokens());
            header(res, "X-RateLimit-Reset", resetSeconds);
            if (!probe.isConsumed()) {
                Counter.builder("tokend_rate_limit_rejections").tag("route", route)
                        .description("Requests refused by a rate limiter, by route pattern").register(metrics)
                        .increment();
                header(res, "Retry-After", Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
                Http.json(res, 429, new Response("You've been rate limited for sending more than " + limit
                        + " requests in " + GoDuration.format(window) + ".", null, List.of()));
                return;
            }
            next.handle(req, res);
        };
    }

    /**
     * Whether the key may lift rate limits: an owner's key that is not narrowed at all (scope
     * {@code coder:all} and allow list {@code *:*}). A scoped owner token, say {@code user:read} for
     * a dashboard, is exactly what should stay limited if it leaks.
     */
    static boolean unscopedOwner(Authenticated who) {
        return who.subject().hasSiteRole(Roles.OWNER)
                && who.subject().scopes().contains(Scopes.ALL)
                && who.subject().allowList().contains(AllowList.ALL);
    }

    /** Takes one request from the bucket of {@code key}. */
    ConsumptionProbe consume(String key) {
        return bucket(key).tryConsumeAndReturnRemaining(1);
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(b -> b.capacity(limit).refillIntervally(limit, window))
                .withCustomTimePrecision(time)
                .build());
    }

    /** Go's strconv.ParseBool truths, as the reference reads the header. */
    private static boolean bypassRequested(ServerRequest req) {
        return req.headers().first(BYPASS)
                .map(v -> switch (v.strip()) {
                    case "1", "t", "T", "TRUE", "true", "True" -> true;
                    default -> false;
                })
                .orElse(false);
    }

    private static void header(ServerResponse res, String name, long value) {
        res.header(name, Long.toString(value));
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + limit + " per " + GoDuration.format(window).toLowerCase(Locale.ROOT) + "]";
    }
}
