package dev.tokend.server.web;

import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.db.OAuth2Rows;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.TokenExtractor;
import dev.tokend.server.oauth2.AuthorizationRequest;
import dev.tokend.server.oauth2.OAuth2Error;
import dev.tokend.server.oauth2.UserCodes;
import dev.tokend.server.store.OAuth2Clients;
import dev.tokend.server.store.OAuth2Grants;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The OAuth2 pages a person sees, behind the redirect-to-login middleware (a browser without a
 * session goes to {@code /login} and comes back with the request intact):
 * <ul>
 *   <li>{@code GET /oauth2/authorize}: the consent page (reference §8.2, F.4), with a CSRF field; a
 *       bad client or redirect URI is an error page and never a redirect.
 *   <li>{@code POST /oauth2/authorize}: approve (a code to the redirect URI) or deny ({@code access_denied}).
 *   <li>{@code GET|POST /oauth2/device/verify}: enter a device's user code and approve or deny it (RFC 8628 §3.3).
 * </ul>
 * Rendered by jte ({@code oauth2-consent.jte}, {@code oauth2-device.jte}, {@code notice.jte}) in
 * the layout of every page, so nobody may frame them ({@code frame-ancestors 'none'},
 * {@code X-Frame-Options: DENY}).
 */
public final class OAuth2Pages {
    private static final String UNKNOWN_CODE = "This code is unknown, expired or already used.";
    private static final Pattern CSP_SAFE = Pattern.compile("[A-Za-z0-9.+\\-:/\\[\\]]+");
    private static final List<String> AUTHORIZE_FIELDS = List.of("client_id", "response_type", "redirect_uri",
            "scope", "state", "resource", "code_challenge", "code_challenge_method");

    private final PageSupport pages;
    private final OAuth2Clients clients;
    private final OAuth2Grants grants;

    OAuth2Pages(PageSupport pages, OAuth2Clients clients, OAuth2Grants grants) {
        this.pages = Objects.requireNonNull(pages);
        this.clients = Objects.requireNonNull(clients);
        this.grants = Objects.requireNonNull(grants);
    }

    /** {@code GET /oauth2/authorize}. */
    public void authorizePage(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        Map<String, String> params = new HashMap<>();
        AUTHORIZE_FIELDS.forEach(f -> req.query().first(f).ifPresent(v -> params.put(f, v)));
        switch (check(params)) {
            case AuthorizationRequest.Fatal fatal -> error(req, res, fatal.message());
            case AuthorizationRequest.Redirected r -> redirect(res, r.redirectUri(), errorParams(r));
            case AuthorizationRequest.Valid v -> consent(req, res, who, v, params);
        }
    }

    /** {@code POST /oauth2/authorize}: the consent form's answer. */
    public void authorizeSubmit(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        Map<String, String> form = JsonBody.readForm(req);
        requireCsrf(req, who, form);
        switch (check(form)) {
            case AuthorizationRequest.Fatal fatal -> error(req, res, fatal.message());
            case AuthorizationRequest.Redirected r -> redirect(res, r.redirectUri(), errorParams(r));
            case AuthorizationRequest.Valid v -> {
                if (!"approve".equals(form.get("decision"))) {
                    redirect(res, v.redirectUri(), withState(Map.of("error", OAuth2Error.ACCESS_DENIED.code(),
                            "error_description", OAuth2Error.ACCESS_DENIED.description()), v.state()));
                    return;
                }
                String code = grants.issueCode(ApiKeyMiddleware.actor(req), v.app(), new OAuth2Grants.CodeRequest(
                        v.requestedRedirectUri(), v.resource(), v.codeChallenge(), v.scopes()));
                redirect(res, v.redirectUri(), withState(Map.of("code", code), v.state()));
            }
        }
    }

    /** {@code GET /oauth2/device/verify[?user_code=]}: the code form, or the approval page for a code. */
    public void devicePage(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        String typed = req.query().first("user_code").orElse("").strip();
        Optional<OAuth2Rows.Device> device = typed.isEmpty() ? Optional.empty() : grants.pendingDevice(typed);
        if (device.isEmpty()) {
            codeForm(req, res, typed.isEmpty() ? 200 : 400, typed, typed.isEmpty() ? "" : UNKNOWN_CODE);
            return;
        }
        String appName = clients.find(device.get().appId().toString()).map(OAuth2Rows.App::name).orElse("An app");
        pages.view.send(res, 200, "oauth2-device.jte", pages.frame(req, "Connect a device", ""),
                new OAuth2Views.Device(appName, who.user().username(), device.get().scopes(),
                        UserCodes.display(device.get().userCode()), pages.csrfToken(req), ""));
    }

    /** {@code POST /oauth2/device/verify}. */
    public void deviceSubmit(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        Map<String, String> form = JsonBody.readForm(req);
        requireCsrf(req, who, form);
        boolean approve = "approve".equals(form.get("decision"));
        String userCode = form.getOrDefault("user_code", "");
        if (!grants.decideDevice(ApiKeyMiddleware.actor(req), userCode, approve)) {
            codeForm(req, res, 400, userCode, UNKNOWN_CODE);
            return;
        }
        String title = approve ? "Device connected" : "Device denied";
        pages.view.send(res, 200, "notice.jte", pages.frame(req, title, ""), approve
                ? Notice.success(title, "The device was given access.", "You can return to your device.")
                : Notice.success(title, "The device was not given access.", "You can close this page."));
    }

    private void codeForm(ServerRequest req, ServerResponse res, int status, String typed, String error) {
        pages.view.send(res, status, "oauth2-device.jte", pages.frame(req, "Connect a device", ""),
                new OAuth2Views.Device("", "", List.of(), typed, pages.csrfToken(req), error));
    }

    private AuthorizationRequest check(Map<String, String> params) {
        return AuthorizationRequest.check(params, clients.find(params.getOrDefault("client_id", "")));
    }

    private void consent(ServerRequest req, ServerResponse res, Authenticated who, AuthorizationRequest.Valid v,
            Map<String, String> params) {
        Map<String, String> fields = new LinkedHashMap<>();
        AUTHORIZE_FIELDS.forEach(f -> {
            if (params.containsKey(f)) {
                fields.put(f, params.get(f));
            }
        });
        pages.view.send(res, 200, "oauth2-consent.jte", pages.frame(req, "Authorize " + v.app().name(), ""),
                new OAuth2Views.Consent(v.app().name(), who.user().username(), v.scopes(), v.resource(),
                        v.redirectUri(), pages.csrfToken(req), fields),
                cspOrigin(v.redirectUri()));
    }

    /**
     * A forged cross-site form can carry the victim's cookie, or an attacker's own token in the
     * query string (signing the victim into the attacker's grant): a cookie needs the CSRF field,
     * a query-string token is refused. Only header tokens (which no form can set) need neither.
     */
    private void requireCsrf(ServerRequest req, Authenticated who, Map<String, String> form) {
        TokenExtractor.Source source = TokenExtractor.extract(req).map(TokenExtractor.Extracted::source)
                .orElse(TokenExtractor.Source.COOKIE);
        if (source == TokenExtractor.Source.QUERY || source == TokenExtractor.Source.ACCESS_TOKEN_QUERY) {
            throw ApiError.plainText(400, PageSupport.CSRF_FAILED);
        }
        String expected = pages.csrfToken(req);
        if (source == TokenExtractor.Source.COOKIE && !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                form.getOrDefault("csrf_token", "").getBytes(StandardCharsets.UTF_8))) {
            throw ApiError.plainText(400, PageSupport.CSRF_FAILED);
        }
    }

    private static Map<String, String> errorParams(AuthorizationRequest.Redirected r) {
        return withState(Map.of("error", r.error().code(), "error_description", r.error().description()), r.state());
    }

    private static Map<String, String> withState(Map<String, String> params, String state) {
        Map<String, String> out = new LinkedHashMap<>(params);
        if (state != null && !state.isEmpty()) {
            out.put("state", state);
        }
        return out;
    }

    /** 302 to the (exactly registered) redirect URI with {@code params} added to its query. */
    private static void redirect(ServerResponse res, String redirectUri, Map<String, String> params) {
        StringBuilder target = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            target.append(separator).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            separator = '&';
        }
        res.status(Status.FOUND_302);
        res.header(HeaderNames.LOCATION, target.toString());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send();
    }

    /** A request that cannot be answered at its redirect URI (unknown client, unregistered URI): a page, never a redirect. */
    private void error(ServerRequest req, ServerResponse res, String message) {
        pages.view.send(res, 400, "notice.jte", pages.frame(req, "Authorization failed", ""),
                Notice.error("Authorization failed", message,
                        "The application sent an invalid request. You were not redirected back to it."));
    }

    /** The redirect URI's origin for the consent page's {@code form-action}, or nothing if it is odd. */
    static String cspOrigin(String redirectUri) {
        URI uri = URI.create(redirectUri);
        String origin = uri.getHost() == null
                ? uri.getScheme() + ":"
                : uri.getScheme() + "://" + uri.getRawAuthority().replaceFirst("^.*@", "");
        return CSP_SAFE.matcher(origin).matches() ? origin : "";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
