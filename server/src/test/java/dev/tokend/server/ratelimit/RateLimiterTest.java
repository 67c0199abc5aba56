package dev.tokend.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The bucket store: bounded memory, per-key budgets, refill with the injected clock. */
class RateLimiterTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T00:00:00Z"));
    private final InstantSource clock = now::get;

    @Test
    void floodOfDistinctKeysKeepsAtMostTheConfiguredNumberOfBuckets() {
        RateLimiter limiter = new RateLimiter(10, Duration.ofMinutes(1), clock, 1_000, new SimpleMeterRegistry());
        for (int i = 0; i < 100_000; i++) {
            limiter.consume("ip:10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255) + " /api/v2/users/login");
        }
        assertThat(limiter.bucketCount()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void eachKeyHasItsOwnBudgetWhichRefillsAfterTheWindow() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), clock, 100, new SimpleMeterRegistry());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.consume("a").isConsumed()).isTrue();
        }
        assertThat(limiter.consume("a").isConsumed()).isFalse();
        assertThat(limiter.consume("b").isConsumed()).isTrue();
        now.set(now.get().plus(Duration.ofSeconds(59)));
        assertThat(limiter.consume("a").isConsumed()).isFalse();
        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertThat(limiter.consume("a").isConsumed()).isTrue();
    }

    @Test
    void concurrencyLimiterGivesOutAtMostItsPermits() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(2, "Login");
        var first = limiter.tryAcquire();
        var second = limiter.tryAcquire();
        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(limiter.tryAcquire()).isEmpty();
        first.get().close();
        first.get().close(); // releasing twice frees one permit only
        assertThat(limiter.tryAcquire()).isPresent();
        assertThat(limiter.tryAcquire()).isEmpty();
    }
}
