package dev.tokend.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tokend.sdk.TokendJson;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.CsrfTokens;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.error.PageError;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.Cookies;
import dev.tokend.server.idp.ConvertTokens;
import dev.tokend.server.idp.IdpMetrics;
import dev.tokend.server.idp.OidcClaims;
import dev.tokend.server.idp.OidcClient;
import dev.tokend.server.store.ApiKeyMinter;
import dev.tokend.server.store.IdpLogins;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/v2/users/oidc/callback}: one route starts the OpenID Connect flow and finishes it
 * (reference §A.3–A.10). Start: state (and PKCE verifier, when the provider lists S256) in
 * cookies, then 307 to the IdP. Finish: the state checks of §A.4 in order, the code exchange, the
 * ID token, the claims (userinfo overriding the ID token), then {@link IdpLogins} and a session
 * cookie, and 307 to the remembered same-origin redirect.
 *
 * <p>tokend decisions (issue 12): the flow cookies carry {@code Max-Age} (10 minutes) and are
 * cleared once a callback with a code arrives; every refusal at the callback is audited.
 */
public final class IdpLoginPages {
    // NOTE: wire names and texts of the reference (§A.3–A.4, codersdk cookie constants).
    static final String STATE_COOKIE = "oauth_state";
    static final String REDIRECT_COOKIE = "oauth_redirect";
    static final String VERIFIER_COOKIE = "oauth_pkce_verifier";
    static final String NOT_CONFIGURED = "The oauth2 method requested is not configured!";
    /** Flow cookies live this long: enough to sign in at the IdP, not a standing credential. */
    static final int FLOW_COOKIE_SECONDS = 600;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final OidcClient oidc; // null when OIDC is off
    private final IdpLogins logins;
    private final Cookies cookies;
    private final CsrfTokens csrf;
    private final Supplier<URI> accessUrl;
    private final boolean secure;
    private final SecureRandom rng;
    private final IdpMetrics metrics;
    private final ConvertTokens converts;
    private final View view;

    public IdpLoginPages(OidcClient oidcOrNull, IdpLogins logins, Cookies cookies, CsrfTokens csrf,
            Supplier<URI> accessUrl, boolean secureCookies, SecureRandom rng, IdpMetrics metrics,
            ConvertTokens converts) {
        this.converts = Objects.requireNonNull(converts);
        this.oidc = oidcOrNull;
        this.logins = Objects.requireNonNull(logins);
        this.cookies = Objects.requireNonNull(cookies);
        this.csrf = Objects.requireNonNull(csrf);
        this.accessUrl = Objects.requireNonNull(accessUrl);
        this.secure = secureCookies;
        this.rng = Objects.requireNonNull(rng);
        this.metrics = Objects.requireNonNull(metrics);
        this.view = new View(rng);
    }

    /** {@code GET /api/v2/users/oidc/callback}. */
    public void oidcCallback(ServerRequest req, ServerResponse res) {
        if (oidc == null) {
            throw ApiError.badRequest(NOT_CONFIGURED, null);
        }
        Optional<String> error = req.query().first("error").asOptional();
        if (error.isPresent()) {
            throw fail(req, "oidc", ApiError.badRequest("Encountered error in oidc process: " + error.get(),
                    errorDetail(req)));
        }
        Optional<String> code = req.query().first("code").filter(c -> !c.isEmpty());
        if (code.isEmpty()) {
            start(req, res);
            return;
        }
        URI redirectUri = redirectUri("/api/v2/users/oidc/callback");
        String verifier = checkState(req, res, "oidc", oidc.pkce());
        OidcClient.Exchange exchange;
        try {
            exchange = oidc.exchange(code.get(), redirectUri, verifier);
        } catch (OidcClient.ExchangeFailedException e) {
            int status = "authorization_pending".equals(e.getMessage()) ? 400 : 500;
            throw fail(req, "oidc", ApiError.of(status, "Failed exchanging Oauth code.", e.getMessage()));
        }
        if (exchange.idToken() == null) {
            throw fail(req, "oidc", ApiError.badRequest("id_token not found in response payload. Ensure your OIDC "
                    + "callback is configured correctly!", null));
        }
        Map<String, Object> idClaims;
        try {
            idClaims = oidc.verifyIdToken(exchange.idToken());
        } catch (OidcClient.InvalidIdTokenException e) {
            throw fail(req, "oidc", ApiError.badRequest("Failed to verify OIDC token.", e.getMessage()));
        }
        if (!(idClaims.get("sub") instanceof String sub) || sub.isEmpty()) {
            throw fail(req, "oidc", ApiError.badRequest("OIDC token missing 'sub' claim field or 'sub' claim field "
                    + "is empty.", "'sub' claim field is required to be unique for all users by a given issue, an "
                    + "empty field is invalid and this authentication attempt is rejected."));
        }
        Map<String, Object> userInfo = new LinkedHashMap<>();
        if (!oidc.options().ignoreUserInfo() && oidc.hasUserInfo()) {
            try {
                userInfo.putAll(oidc.userInfo(exchange.tokens().accessToken()));
            } catch (java.io.IOException e) {
                throw fail(req, "oidc", ApiError.of(500, "Failed to obtain user information claims.",
                        "The attempt to fetch claims via the UserInfo endpoint failed: " + e.getMessage()));
            } catch (com.nimbusds.oauth2.sdk.ParseException e) {
                throw fail(req, "oidc", ApiError.of(500, "Failed to unmarshal user info claims.", e.getMessage()));
            }
        }
        // §A.5: userinfo wins on equal keys; sub always from the ID token.
        Map<String, Object> merged = new LinkedHashMap<>(idClaims);
        merged.putAll(userInfo);
        merged.put("sub", sub);
        OidcClaims.Profile profile;
        try {
            profile = OidcClaims.profile(merged, oidc.options());
            OidcClaims.requireAllowedGroup(merged, oidc.options());
        } catch (ApiError e) {
            throw fail(req, "oidc", e);
        } catch (PageError e) {
            fail(req, "oidc", e.status(), e.title());
            page(res, e);
            return;
        }
        String issuer = idClaims.get("iss") instanceof String s ? s : "";
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("id_token_claims", idClaims);
        stored.put("user_info_claims", userInfo);
        stored.put("merged_claims", merged);
        IdpLogins.Identity identity = new IdpLogins.Identity("oidc", issuer + "||" + sub, profile.email(),
                profile.usernameCandidate(), profile.name(), profile.avatarUrl(), exchange.tokens(), json(stored), 0);
        finish(req, res, identity, new IdpLogins.SignupPolicy(oidc.options().allowSignups(),
                oidc.options().signupsDisabledText()), false);
    }

    /** Signs in through the store, sets the session cookie and redirects (§A.10); static-page refusals render here. */
    void finish(ServerRequest req, ServerResponse res, IdpLogins.Identity identity, IdpLogins.SignupPolicy policy,
            boolean deviceFlow) {
        Optional<ConvertTokens.Conversion> conversion = conversion(req, res, identity.loginType());
        ApiKeyMinter.Minted minted;
        try {
            minted = logins.signIn(ApiKeyMiddleware.actor(req), identity, policy, conversion);
        } catch (PageError e) {
            metrics.login(identity.loginType(), String.valueOf(e.status()));
            page(res, e, deviceFlow);
            return;
        } catch (ApiError e) {
            metrics.login(identity.loginType(), String.valueOf(e.status()));
            throw e;
        }
        metrics.login(identity.loginType(), "success");
        cookies.setSession(res, minted.token(), csrf.forKeyId(minted.row().id()));
        String redirect = PageSupport.safeRedirect(cookieValue(req, REDIRECT_COOKIE).filter(v -> !v.isEmpty())
                .map(v -> java.net.URLDecoder.decode(v, StandardCharsets.UTF_8)).orElse("/"));
        if (deviceFlow) {
            // §C.4 step 5: the device page polls with fetch and navigates itself.
            dev.tokend.server.http.Http.json(res, 200, Map.of("redirect_url", redirect));
            return;
        }
        res.status(Status.TEMPORARY_REDIRECT_307);
        res.header(HeaderNames.LOCATION, redirect);
        res.send();
    }

    private void start(ServerRequest req, ServerResponse res) {
        String redirectParam = startRedirect(req);
        String state = startState(req);
        String verifier = oidc.pkce() ? OidcClient.newVerifier() : null;
        setFlowCookie(res, STATE_COOKIE, state);
        setFlowCookie(res, REDIRECT_COOKIE, redirectParam);
        if (verifier != null) {
            setFlowCookie(res, VERIFIER_COOKIE, verifier);
        }
        res.status(Status.TEMPORARY_REDIRECT_307);
        res.header(HeaderNames.LOCATION,
                oidc.authorizationUrl(redirectUri("/api/v2/users/oidc/callback"), state, verifier).toString());
        res.send();
    }

    /**
     * A callback whose state starts with {@code convert-} finishes a login-type conversion (§D.3): the
     * signed cookie must match. The cookie is cleared whatever the outcome.
     */
    private Optional<ConvertTokens.Conversion> conversion(ServerRequest req, ServerResponse res, String loginType) {
        String state = req.query().first("state").orElse("");
        if (!state.startsWith("convert-")) {
            return Optional.empty();
        }
        res.headers().add(HeaderValues.create(HeaderNames.SET_COOKIE, ConvertTokens.COOKIE
                + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")));
        try {
            return Optional.of(converts.verify(cookieValue(req, ConvertTokens.COOKIE).orElse(null), state));
        } catch (ApiError e) {
            throw fail(req, loginType, e);
        }
    }

    /** The flow's state: {@code oidc_merge_state} when a conversion starts it (§D.3), else random. */
    String startState(ServerRequest req) {
        return req.query().first("oidc_merge_state").asOptional().filter(v -> v.startsWith("convert-")
                && v.length() <= 64 && v.chars().allMatch(ch -> ch == '-' || Character.isLetterOrDigit(ch)))
                .orElseGet(this::randomState);
    }

    /** The sanitised {@code redirect} query parameter (§A.3 step 3), {@code /} when absent. */
    static String startRedirect(ServerRequest req) {
        return PageSupport.safeRedirect(req.query().first("redirect").filter(v -> !v.isEmpty()).orElse("/"));
    }

    /**
     * The state checks of §A.4 rows 1–4, in order; clears the flow cookies (they are single-use).
     * Returns the PKCE verifier, or null without PKCE.
     */
    String checkState(ServerRequest req, ServerResponse res, String loginType, boolean pkce) {
        String state = req.query().first("state").orElse("");
        if (state.isEmpty()) {
            throw fail(req, loginType, ApiError.badRequest("State must be provided.", null));
        }
        Optional<String> cookie = cookieValue(req, STATE_COOKIE).filter(v -> !v.isEmpty());
        if (cookie.isEmpty()) {
            throw fail(req, loginType, ApiError.of(401, "Cookie \"oauth_state\" must be provided."));
        }
        clearFlowCookies(res);
        if (!MessageDigest.isEqual(cookie.get().getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            throw fail(req, loginType, ApiError.of(401, "State mismatched."));
        }
        if (!pkce) {
            return null;
        }
        return cookieValue(req, VERIFIER_COOKIE).filter(v -> !v.isEmpty())
                .orElseThrow(() -> fail(req, loginType, ApiError.badRequest("PKCE challenge must be provided.", null)));
    }

    /** Audits and counts a refused callback, and returns the error to throw. */
    ApiError fail(ServerRequest req, String loginType, ApiError error) {
        fail(req, loginType, error.status(), error.body().message());
        return error;
    }

    /** Audits and counts a refusal rendered as a page. */
    void recordRefusal(ServerRequest req, String loginType, int status, String message) {
        fail(req, loginType, status, message);
    }

    private void fail(ServerRequest req, String loginType, int status, String message) {
        Actor actor = ApiKeyMiddleware.actor(req);
        logins.recordFailure(actor, loginType, status, message);
        metrics.login(loginType, String.valueOf(status));
    }

    /** A static error page (§A.8 "Error rendering"): title, description, a link back to the sign-in page. */
    void page(ServerResponse res, PageError e, boolean json) {
        if (json) {
            dev.tokend.server.http.Http.json(res, e.status(), new dev.tokend.sdk.model.Response(e.title(),
                    e.description(), java.util.List.of()));
            return;
        }
        page(res, e);
    }

    void page(ServerResponse res, PageError e) {
        view.send(res, e.status(), "notice.jte", new Frame(e.title(), view.nonce(), null, null),
                Notice.error(e.title(), e.description(), "").withLink("/login", "Back to site"));
    }

    private static String errorDetail(ServerRequest req) {
        String description = req.query().first("error_description").orElse("");
        String uri = req.query().first("error_uri").orElse("");
        if (uri.isEmpty()) {
            return description;
        }
        return description.isEmpty() ? "error_uri: " + uri : description + ", error_uri: " + uri;
    }

    URI redirectUri(String path) {
        String base = accessUrl.get().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    String randomState() {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHANUMERIC.charAt(rng.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }

    /** A flow cookie; the value is percent-encoded (a redirect path may hold characters a cookie may not). */
    void setFlowCookie(ServerResponse res, String name, String value) {
        res.headers().add(HeaderValues.create(HeaderNames.SET_COOKIE, name + "="
                + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8) + "; Path=/; Max-Age="
                + FLOW_COOKIE_SECONDS + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")));
    }

    void clearFlowCookies(ServerResponse res) {
        for (String name : new String[] {STATE_COOKIE, REDIRECT_COOKIE, VERIFIER_COOKIE}) {
            res.headers().add(HeaderValues.create(HeaderNames.SET_COOKIE, name + "=; Path=/; Max-Age=0; HttpOnly; "
                    + "SameSite=Lax" + (secure ? "; Secure" : "")));
        }
    }

    static Optional<String> cookieValue(ServerRequest req, String name) {
        if (!req.headers().contains(HeaderNames.COOKIE)) {
            return Optional.empty();
        }
        return req.headers().cookies().first(name).asOptional();
    }

    private static String json(Object value) {
        try {
            return TokendJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("claims are not serialisable", e);
        }
    }
}
