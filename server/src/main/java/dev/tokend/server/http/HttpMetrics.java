package dev.tokend.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * Request count and latency by method, <em>route pattern</em> (never a raw path: ids would make
 * the label set unbounded and leak identifiers) and status: the Prometheus histogram
 * {@code tokend_http_requests_seconds}.
 */
public final class HttpMetrics {
    private final MeterRegistry registry;
    /** One timer per (method, route pattern, status), built once: building and registering per request is slow. */
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers =
            new java.util.concurrent.ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
    }

    void record(String method, String route, int status, long nanos) {
        timers.computeIfAbsent(method + ' ' + status + ' ' + route, k -> timer(method, route, status))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer timer(String method, String route, int status) {
        return Timer.builder("tokend_http_requests")
                .description("HTTP requests by method, route pattern and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }
}
