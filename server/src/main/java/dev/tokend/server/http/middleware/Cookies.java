package dev.tokend.server.http.middleware;

import dev.tokend.server.http.middleware.CsrfMiddleware;
import dev.tokend.server.http.middleware.TokenExtractor;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.time.Instant;

/**
 * The session cookie (spec §1.5): {@code coder_session_token}, {@code Path=/}, {@code HttpOnly},
 * {@code SameSite=Lax}, {@code Secure} iff {@code --secure-auth-cookie}, no expiry (a browser-session
 * cookie); and its companion CSRF cookie, readable by scripts so they can echo it in a header.
 */
public final class Cookies {
    private final boolean secure;

    public Cookies(boolean secure) {
        this.secure = secure;
    }

    public void setSession(ServerResponse res, String sessionToken, String csrfToken) {
        res.headers().addCookie(base(TokenExtractor.SESSION_COOKIE, sessionToken).httpOnly(true).build());
        res.headers().addCookie(base(CsrfMiddleware.CSRF_COOKIE, csrfToken).httpOnly(false).build());
    }

    /**
     * Deletes both cookies: an expiry in the past plus {@code Max-Age=0} (Helidon's builder omits a
     * zero max-age, so it is appended here).
     */
    /** The login form's nonce (double-submit against login CSRF), only ever sent back to {@code /login}. */
    public void setLoginNonce(ServerResponse res, String nonce) {
        res.headers().addCookie(SetCookie.builder(LOGIN_NONCE, nonce).path("/login").secure(secure).httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT).build());
    }

    /** Cookie carrying the login form's nonce. */
    public static final String LOGIN_NONCE = "tokend_login_nonce";

    public void clearSession(ServerResponse res) {
        for (SetCookie cookie : new SetCookie[] {
            base(TokenExtractor.SESSION_COOKIE, "").httpOnly(true).expires(Instant.EPOCH).build(),
            base(CsrfMiddleware.CSRF_COOKIE, "").expires(Instant.EPOCH).build()}) {
            res.headers().add(HeaderValues.create(HeaderNames.SET_COOKIE, cookie.text() + "; Max-Age=0"));
        }
    }

    private SetCookie.Builder base(String name, String value) {
        return SetCookie.builder(name, value).path("/").secure(secure).sameSite(SetCookie.SameSite.LAX);
    }
}
