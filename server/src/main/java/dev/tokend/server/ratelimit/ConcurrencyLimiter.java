package dev.tokend.server.ratelimit;

import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Middleware;
import io.helidon.webserver.http.Handler;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Caps how many expensive requests (password hashing) run at once; beyond that the answer is an
 * immediate 503 rather than a queue that lets a burst of logins starve everything else.
 * Reference §3.6: {@code <resource> is currently at capacity. Please try again later.}
 */
public final class ConcurrencyLimiter implements Middleware {
    private final Semaphore permits;
    private final String resource;

    public ConcurrencyLimiter(int maxConcurrent, String resource) {
        if (maxConcurrent <= 0) {
            throw new IllegalArgumentException("maxConcurrent must be positive");
        }
        this.permits = new Semaphore(maxConcurrent);
        this.resource = Objects.requireNonNull(resource);
    }

    /** A held permit; closing it releases. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** A permit if one is free now. */
    public Optional<Permit> tryAcquire() {
        return permits.tryAcquire() ? Optional.of(permit()) : Optional.empty();
    }

    /**
     * A permit, waiting up to {@code wait} for one to be returned (a request that answered may
     * release its permit a moment after the client has the answer).
     */
    public Optional<Permit> tryAcquire(java.time.Duration wait) throws InterruptedException {
        return permits.tryAcquire(wait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)
                ? Optional.of(permit()) : Optional.empty();
    }

    private Permit permit() {
        return new Permit() {
            private boolean released;

            @Override
            public synchronized void close() {
                if (!released) {
                    released = true;
                    permits.release();
                }
            }
        };
    }

    @Override
    public Handler wrap(Handler next) {
        return (req, res) -> {
            try (Permit permit = tryAcquire().orElseThrow(() ->
                    ApiError.of(503, resource + " is currently at capacity. Please try again later."))) {
                next.handle(req, res);
            }
        };
    }
}
