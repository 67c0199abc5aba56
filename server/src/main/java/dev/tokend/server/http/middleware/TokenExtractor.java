package dev.tokend.server.http.middleware;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * Finds the presented token (spec §1.5): the first non-empty of cookie {@code coder_session_token},
 * query {@code coder_session_token}, header {@code Coder-Session-Token}, {@code Authorization: Bearer}
 * and query {@code access_token}. Once a source yields a candidate there is no fallback to the next
 * one, even if the candidate turns out to be invalid.
 */
public final class TokenExtractor {
    // NOTE: wire names shared with the reference's clients (cookie, header and query names).
    public static final String SESSION_COOKIE = "coder_session_token";
    public static final String SESSION_QUERY = "coder_session_token";
    public static final HeaderName SESSION_HEADER = HeaderNames.create("Coder-Session-Token");
    public static final String ACCESS_TOKEN_QUERY = "access_token";

    private TokenExtractor() {}

    /** Where a token came from. */
    public enum Source { COOKIE, QUERY, HEADER, BEARER, ACCESS_TOKEN_QUERY }

    /** A presented token and its source. {@link #toString()} hides the token. */
    public record Extracted(String token, Source source) {
        @Override
        public String toString() {
            return "Extracted[source=" + source + "]";
        }
    }

    public static Optional<Extracted> extract(ServerRequest req) {
        Optional<String> cookie = sessionCookie(req);
        if (cookie.isPresent()) {
            return Optional.of(new Extracted(cookie.get(), Source.COOKIE));
        }
        String query = req.query().first(SESSION_QUERY).orElse("");
        if (!query.isEmpty()) {
            return Optional.of(new Extracted(query, Source.QUERY));
        }
        String header = req.headers().first(SESSION_HEADER).orElse("");
        if (!header.isEmpty()) {
            return Optional.of(new Extracted(header, Source.HEADER));
        }
        Optional<String> bearer = bearer(req);
        if (bearer.isPresent()) {
            return Optional.of(new Extracted(bearer.get(), Source.BEARER));
        }
        String accessToken = req.query().first(ACCESS_TOKEN_QUERY).orElse("").strip();
        if (!accessToken.isEmpty()) {
            return Optional.of(new Extracted(accessToken, Source.ACCESS_TOKEN_QUERY));
        }
        return Optional.empty();
    }

    /**
     * OAuth 2.1 §5.2 (tokend decision): an OAuth2 access token is accepted from the headers and the
     * cookie only; from {@code access_token} or {@code coder_session_token} in the query it is refused
     * (URLs end up in logs, histories and Referer headers).
     */
    public static boolean refusedInQuery(Extracted extracted) {
        return (extracted.source() == Source.QUERY || extracted.source() == Source.ACCESS_TOKEN_QUERY)
                && extracted.token().startsWith(dev.tokend.server.auth.TokenKind.OAUTH2_ACCESS.prefix());
    }

    /** The session cookie's value when present and non-empty. */
    public static Optional<String> sessionCookie(ServerRequest req) {
        if (!req.headers().contains(HeaderNames.COOKIE)) {
            return Optional.empty();
        }
        return req.headers().cookies().first(SESSION_COOKIE).asOptional().filter(v -> !v.isEmpty());
    }

    /** The credentials of {@code Authorization: Bearer <token>}; the scheme is case-insensitive. */
    public static Optional<String> bearer(ServerRequest req) {
        String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse("").strip();
        if (authorization.length() > 7 && authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }
}
