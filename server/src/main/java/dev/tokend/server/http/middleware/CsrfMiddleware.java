package dev.tokend.server.http.middleware;

import dev.tokend.server.auth.CsrfTokens;

import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Middleware;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * CSRF protection for cookie-authenticated, state-changing requests (spec §3.5). A request needs a
 * valid {@code X-CSRF-TOKEN} header unless it is safe (GET, HEAD, OPTIONS, TRACE), carries no session
 * cookie, repeats the cookie's token in {@code Coder-Session-Token}, or authenticates with
 * {@code Authorization: Bearer} (headers a cross-site form cannot set). Failures answer 400 in plain
 * text with the reference's wording. Exempt routes are simply not wrapped (see {@code Routes}).
 */
public final class CsrfMiddleware implements Middleware {
    public static final HeaderName CSRF_HEADER = HeaderNames.create("X-CSRF-TOKEN");
    /** Cookie readable by the web UI's scripts so they can echo the token in {@link #CSRF_HEADER}. */
    public static final String CSRF_COOKIE = "csrf_token";

    // NOTE: stable wire strings (reference §3.5).
    static final String INVALID = "Something is wrong with your CSRF token. Please refresh the page. "
            + "If this error persists, try clearing your cookies.";
    static final String MISMATCH = "CSRF error encountered. Authentication via \"coder_session_token\" cookie and "
            + "\"Coder-Session-Token\" header detected, but the values do not match.";

    private static final Set<Method> SAFE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS, Method.TRACE);

    private final CsrfTokens tokens;

    public CsrfMiddleware(CsrfTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public Handler wrap(Handler next) {
        return (req, res) -> {
            if (!SAFE.contains(req.prologue().method())) {
                Optional<String> cookie = TokenExtractor.sessionCookie(req);
                if (cookie.isPresent()) {
                    check(cookie.get(), req.headers().first(TokenExtractor.SESSION_HEADER).orElse(""),
                            req.query().first(TokenExtractor.SESSION_QUERY).orElse(""),
                            TokenExtractor.bearer(req).isPresent(),
                            req.headers().first(CSRF_HEADER).orElse(""));
                }
            }
            next.handle(req, res);
        };
    }

    private void check(String cookie, String header, String query, boolean bearer, String csrfHeader) {
        String explicit = !header.isEmpty() ? header : query;
        if (!explicit.isEmpty()) {
            if (explicit.equals(cookie)) {
                return; // the caller can read the token, so it is not a forged cross-site request
            }
            if (!header.isEmpty()) {
                throw ApiError.plainText(400, MISMATCH);
            }
        }
        if (bearer) {
            return;
        }
        if (!tokens.matches(cookie, csrfHeader)) {
            throw ApiError.plainText(400, INVALID);
        }
    }
}
