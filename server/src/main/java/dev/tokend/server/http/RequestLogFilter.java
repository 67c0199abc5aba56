package dev.tokend.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Root filter: gives every request an {@code X-Request-Id}, registers its {@link RequestInfo}, and
 * writes exactly one log line when it ends: method, route pattern (never the raw path or query,
 * which can carry a token), status, duration, user id and API key id.
 */
public final class RequestLogFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogFilter.class);

    private final ClientIpResolver clientIps;
    private final HttpMetrics metrics;

    public RequestLogFilter(ClientIpResolver clientIps, HttpMetrics metrics) {
        this.clientIps = java.util.Objects.requireNonNull(clientIps, "clientIps");
        this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        RequestInfo info = new RequestInfo(requestId(),
                clientIps.resolve(clientIp(req.remotePeer().address()), req.headers()));
        req.context().register(RequestInfo.class, info);
        res.header(Http.X_REQUEST_ID, info.requestId().toString());
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        try {
            chain.proceed();
        } finally {
            long micros = (System.nanoTime() - start) / 1_000;
            int status = res.status().code();
            String route = info.routePattern().isEmpty() ? "(unmatched)" : info.routePattern();
            metrics.record(req.prologue().method().text(), route, status, System.nanoTime() - start);
            var event = status >= 500 ? LOG.atWarn() : LOG.atInfo();
            event.addKeyValue("request_id", info.requestId())
                    .addKeyValue("method", req.prologue().method().text())
                    .addKeyValue("route", route)
                    .addKeyValue("status", status)
                    .addKeyValue("duration_ms", micros / 1000.0)
                    .addKeyValue("user_id", info.userId() == null ? "" : info.userId())
                    .addKeyValue("api_key_id", info.apiKeyId() == null ? "" : info.apiKeyId())
                    .addKeyValue("ip", info.clientIp().getHostAddress())
                    .log("request");
        }
    }

    private static InetAddress clientIp(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }

    /**
     * A random (version 4) request id from the thread's own generator: unique enough to correlate
     * log lines and audit rows, not a secret, and without the lock inside {@code UUID.randomUUID()}'s
     * shared SecureRandom that every request would otherwise queue on.
     */
    static UUID requestId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
