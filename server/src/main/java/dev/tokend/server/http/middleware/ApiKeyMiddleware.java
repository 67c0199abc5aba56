package dev.tokend.server.http.middleware;

import dev.tokend.sdk.model.Response;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.ApiKeyValidator;
import dev.tokend.server.auth.ValidationResult;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.auth.ValidationResult.Failure;
import dev.tokend.server.auth.ValidationResult.Reason;
import dev.tokend.server.auth.ValidationResult.SoftFailure;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.Middleware;
import dev.tokend.server.http.RequestInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Authenticates the request with the presented API key (spec §3). Three variants:
 * {@link Mode#REQUIRED} answers every failure; {@link Mode#OPTIONAL} lets a missing or invalid key
 * through unauthenticated but still reports hard failures (inactive user, internal error);
 * {@link Mode#REDIRECT_TO_LOGIN} answers any failure with 303 to the login page (HTML surfaces).
 *
 * <p>On success the {@link Authenticated} outcome is stored in the request context; read it with
 * {@link #optional(ServerRequest)} or {@link #required(ServerRequest)}.
 */
public final class ApiKeyMiddleware implements Middleware {
    public enum Mode { REQUIRED, OPTIONAL, REDIRECT_TO_LOGIN }

    private static final Class<Authenticated> KEY = Authenticated.class;
    // NOTE: stable wire strings (reference §3.2 step 6; docs/oauth2.md).
    public static final String AUDIENCE_MISMATCH = "Token audience validation failed";
    public static final String QUERY_REFUSED = "OAuth2 access tokens are not accepted in the query string; send "
            + "them in the Authorization header.";

    private final ApiKeyValidator validator;
    private final dev.tokend.server.auth.AuthMetrics metrics;
    private final Mode mode;
    private final Supplier<URI> accessUrl;

    public ApiKeyMiddleware(ApiKeyValidator validator, dev.tokend.server.auth.AuthMetrics metrics, Mode mode,
            Supplier<URI> accessUrl) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.accessUrl = Objects.requireNonNull(accessUrl, "accessUrl");
    }

    /** The authenticated outcome, when this middleware ran and succeeded. */
    public static Optional<Authenticated> optional(ServerRequest req) {
        return req.context().get(KEY, KEY);
    }

    /** The authenticated outcome; fails loudly when the route is not behind a required variant (a wiring bug). */
    public static Authenticated required(ServerRequest req) {
        return optional(req).orElseThrow(() -> new IllegalStateException(
                "route " + RequestInfo.of(req).routePattern() + " is not behind ApiKeyMiddleware(REQUIRED)"));
    }

    /**
     * The actor for the authorizing data layer: the signed-in principal when this middleware ran and
     * succeeded, otherwise anonymous; with the request's id, client address and user agent for the audit row.
     */
    public static Actor actor(ServerRequest req) {
        RequestInfo info = RequestInfo.of(req);
        String userAgent = req.headers().first(HeaderNames.USER_AGENT).orElse("");
        return optional(req).map(a -> Actor.signedIn(a.principal(), info.requestId(), info.clientIp(), userAgent))
                .orElseGet(() -> Actor.anonymous(info.requestId(), info.clientIp(), userAgent));
    }

    @Override
    public Handler wrap(Handler next) {
        return (req, res) -> {
            Optional<TokenExtractor.Extracted> extracted = TokenExtractor.extract(req);
            String token = extracted.map(TokenExtractor.Extracted::token).orElse(null);
            ValidationResult result;
            if (extracted.isPresent() && TokenExtractor.refusedInQuery(extracted.get())) {
                result = new SoftFailure(Reason.QUERY_REFUSED, QUERY_REFUSED);
            } else {
                // The root pre-check already validated this very token: reuse it (one lookup per request).
                result = PrecheckFilter.reuse(req, token).map(checked -> checked instanceof
                        Authenticated a ? validator.use(a, RequestInfo.of(req).clientIp(), RequestInfo.of(req).requestId())
                        : checked).orElseGet(() -> {
                    ValidationResult fresh = validator.validate(token, RequestInfo.of(req).clientIp(), RequestInfo.of(req).requestId());
                    metrics.record(fresh);
                    return fresh;
                });
                result = checkAudience(result);
            }
            switch (result) {
                case Authenticated authenticated -> {
                    req.context().register(KEY, authenticated);
                    RequestInfo.of(req).authenticated(authenticated.user().id(), authenticated.key().id());
                    next.handle(req, res);
                }
                case SoftFailure soft when mode == Mode.OPTIONAL -> next.handle(req, res);
                case Failure failure -> reject(req, res, failure);
            }
        };
    }

    /**
     * Reference §3.2 step 6: an OAuth2 access token bound to a resource (RFC 8707) must be bound to
     * this server (its access URL, compared as scheme, host and port, case-folded, default ports and
     * trailing slash ignored); otherwise 403.
     */
    private ValidationResult checkAudience(ValidationResult result) {
        if (result instanceof Authenticated a && !a.key().audience().isEmpty()
                && !sameResource(a.key().audience(), accessUrl.get())) {
            return new ValidationResult.HardFailure(Reason.AUDIENCE, 403, AUDIENCE_MISMATCH, null);
        }
        return result;
    }

    static boolean sameResource(String audience, URI here) {
        try {
            URI aud = new URI(audience);
            return normalise(aud).equals(normalise(here));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String normalise(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort();
        if ((scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80)) {
            port = -1;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return scheme + "://" + host + (port < 0 ? "" : ":" + port) + path;
    }

    private void reject(ServerRequest req, ServerResponse res, Failure failure) {
        if (mode == Mode.REDIRECT_TO_LOGIN) {
            String original = req.path().rawPath() + (req.query().rawValue().isEmpty() ? "" : "?" + req.query().rawValue());
            res.status(Status.SEE_OTHER_303);
            res.header(HeaderNames.LOCATION, "/login?message=" + encode(failure.message())
                    + "&redirect=" + encode(original));
            res.send();
            return;
        }
        if (failure.status() == 401 || failure.status() == 403) {
            res.header(HeaderNames.WWW_AUTHENTICATE, wwwAuthenticate(failure));
        }
        Http.json(res, failure.status(), new Response(failure.message(), failure.detail(), List.of()));
    }

    /**
     * RFC 6750 §3 challenge. tokend decision: the description follows the actual failure (expired vs
     * anything else), not a substring of the message.
     */
    private String wwwAuthenticate(Failure failure) {
        String resourceMetadataUrl = stripTrailingSlash(accessUrl.get().toString())
                + "/.well-known/oauth-protected-resource";
        if (failure.status() == 403) {
            return "Bearer realm=\"coder\", error=\"insufficient_scope\", error_description=\"The request requires "
                    + "higher privileges than provided by the access token\", resource_metadata=\""
                    + resourceMetadataUrl + "\"";
        }
        String description = failure.reason() == Reason.EXPIRED
                ? "The access token has expired"
                : "The access token is invalid";
        return "Bearer realm=\"coder\", error=\"invalid_token\", error_description=\"" + description
                + "\", resource_metadata=\"" + resourceMetadataUrl + "\"";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
