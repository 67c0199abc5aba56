package dev.tokend.server.http.middleware;

import dev.tokend.server.auth.ApiKeyValidator;
import dev.tokend.server.auth.AuthMetrics;
import dev.tokend.server.auth.ValidationResult;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.http.RequestInfo;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Root pre-check (reference §3.1, PR #22049): validates the presented key once per request with the
 * same validator as the authentication middleware, never rejects, and stores the outcome. The rate
 * limiter keys by the pre-checked user; the authentication middleware reuses the outcome instead of
 * validating twice. Only a fully validated key counts as a user; anything else falls back to the IP.
 *
 * <p>The outcome is bound to the token it was computed for: a consumer that authenticates with a
 * different token (say, one from a request body) gets nothing from {@link #reuse}.
 */
public final class PrecheckFilter implements Filter {
    /** The stored outcome; {@link #toString()} hides the token. */
    record Prechecked(String token, ValidationResult result) {
        @Override
        public String toString() {
            return "Prechecked[" + result.getClass().getSimpleName() + "]";
        }
    }

    private final ApiKeyValidator validator;
    private final AuthMetrics metrics;

    public PrecheckFilter(ApiKeyValidator validator, AuthMetrics metrics) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<TokenExtractor.Extracted> extracted = TokenExtractor.extract(req);
        if (extracted.isPresent()) {
            String token = extracted.get().token();
            // A check, not a use: a token sent to a public route does not count as use (issue 15).
            ValidationResult result = validator.check(token, RequestInfo.of(req).clientIp(),
                    RequestInfo.of(req).requestId());
            metrics.record(result);
            req.context().register(Prechecked.class, new Prechecked(token, result));
            if (result instanceof Authenticated a) {
                // Logged even if a limiter rejects the request before any handler runs.
                RequestInfo.of(req).authenticated(a.user().id(), a.key().id());
            }
        }
        chain.proceed();
    }

    /** The pre-checked outcome for exactly {@code token}, if the pre-check saw that token. */
    public static Optional<ValidationResult> reuse(ServerRequest req, String token) {
        if (token == null) {
            return Optional.empty();
        }
        return req.context().get(Prechecked.class, Prechecked.class)
                .filter(p -> p.token().equals(token))
                .map(Prechecked::result);
    }

    /** The pre-checked user, only when the key was fully validated. */
    public static Optional<Authenticated> authenticated(ServerRequest req) {
        return req.context().get(Prechecked.class, Prechecked.class)
                .map(Prechecked::result)
                .filter(Authenticated.class::isInstance)
                .map(Authenticated.class::cast);
    }
}
