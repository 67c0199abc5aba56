package dev.tokend.server.http;

import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.util.Objects;
import java.util.UUID;

/**
 * Per-request facts gathered as the request moves through the middleware, read by the request
 * log line at the end. Registered in the request context by {@link RequestLogFilter}.
 *
 * <p>Holds identifiers only (request id, route pattern, user id, key id), never a token or secret.
 */
public final class RequestInfo {
    private final UUID requestId;
    private final InetAddress clientIp;
    private volatile String routePattern = "";
    private volatile UUID userId;
    private volatile String apiKeyId;

    public RequestInfo(UUID requestId, InetAddress clientIp) {
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.clientIp = Objects.requireNonNull(clientIp, "clientIp");
    }

    /** The info of {@code req}; fails loudly when the root filter is missing (a wiring bug). */
    public static RequestInfo of(ServerRequest req) {
        return req.context().get(RequestInfo.class, RequestInfo.class)
                .orElseThrow(() -> new IllegalStateException("RequestLogFilter is not installed"));
    }

    public UUID requestId() {
        return requestId;
    }

    public InetAddress clientIp() {
        return clientIp;
    }

    public String routePattern() {
        return routePattern;
    }

    public void routePattern(String pattern) {
        this.routePattern = Objects.requireNonNull(pattern);
    }

    public UUID userId() {
        return userId;
    }

    public String apiKeyId() {
        return apiKeyId;
    }

    /** Records who the request authenticated as, for the log line. */
    public void authenticated(UUID userId, String apiKeyId) {
        this.userId = userId;
        this.apiKeyId = apiKeyId;
    }
}
