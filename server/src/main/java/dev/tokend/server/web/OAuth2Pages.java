package dev.tokend.server.web;

import dev.tokend.server.auth.CsrfTokens;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The OAuth2 pages a person sees, behind the redirect-to-login middleware (a browser without a
 * session goes to {@code /login} and comes back with the request intact):
 * <ul>
 *   <li>{@code GET /oauth2/authorize}: the consent page (reference §8.2), with a CSRF field; a bad
 *       client or redirect URI is an error page and never a redirect.
 *   <li>{@code POST /oauth2/authorize}: approve (a code to the redirect URI) or deny ({@code access_denied}).
 *   <li>{@code GET|POST /oauth2/device/verify}: enter a device's user code and approve or deny it (RFC 8628 §3.3).
 * </ul>
 * Every page is framed by nobody ({@code frame-ancestors 'none'}, {@code X-Frame-Options: DENY}).
 */
public final class OAuth2Pages {
    // NOTE: stable wire string (reference §3.5).
    private static final String CSRF_FAILED = "Something is wrong with your CSRF token. Please refresh the page. "
            + "If this error persists, try clearing your cookies.";
    private static final Pattern CSP_SAFE = Pattern.compile("[A-Za-z0-9.+\\-:/\\[\\]]+");
    private static final List<String> AUTHORIZE_FIELDS = List.of("client_id", "response_type", "redirect_uri",
            "scope", "state", "resource", "code_challenge", "code_challenge_method");

    private final OAuth2Clients clients;
    private final OAuth2Grants grants;
    private final CsrfTokens csrf;

    public OAuth2Pages(OAuth2Clients clients, OAuth2Grants grants, CsrfTokens csrf) {
        this.clients = Objects.requireNonNull(clients);
        this.grants = Objects.requireNonNull(grants);
        this.csrf = Objects.requireNonNull(csrf);
    }

    /** {@code GET /oauth2/authorize}. */
    public void authorizePage(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        Map<String, String> params = new HashMap<>();
        AUTHORIZE_FIELDS.forEach(f -> req.query().first(f).ifPresent(v -> params.put(f, v)));
        switch (check(params)) {
            case AuthorizationRequest.Fatal fatal -> error(res, fatal.message());
            case AuthorizationRequest.Redirected r -> redirect(res, r.redirectUri(), errorParams(r));
            case AuthorizationRequest.Valid v -> consent(res, who, v, params);
        }
    }

    /** {@code POST /oauth2/authorize}: the consent form's answer. */
    public void authorizeSubmit(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        Map<String, String> form = JsonBody.readForm(req);
        requireCsrf(req, who, form);
        switch (check(form)) {
            case AuthorizationRequest.Fatal fatal -> error(res, fatal.message());
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
        String typed = req.query().first("user_code").orElse("");
        String token = Html.escape(csrf.forKeyId(who.key().id()));
        Optional<OAuth2Rows.Device> device = typed.isEmpty() ? Optional.empty() : grants.pendingDevice(typed);
        if (device.isEmpty()) {
            Html.send(res, typed.isEmpty() ? 200 : 400, "Connect a device",
                    (typed.isEmpty() ? "" : "<p class=\"error\">This code is unknown, expired or already used.</p>")
                            + "<form method=\"get\" action=\"/oauth2/device/verify\">"
                            + "<label>Code shown on your device <input name=\"user_code\" autocomplete=\"off\" "
                            + "required></label><button type=\"submit\">Continue</button></form>");
            return;
        }
        String appName = clients.find(device.get().appId().toString()).map(OAuth2Rows.App::name).orElse("An app");
        String code = Html.escape(UserCodes.display(device.get().userCode()));
        Html.send(res, 200, "Connect a device",
                "<p><strong>" + Html.escape(appName) + "</strong> on a device asks to act as <strong>"
                        + Html.escape(who.user().username()) + "</strong> with: <code>"
                        + Html.escape(String.join(" ", device.get().scopes())) + "</code>.</p>"
                        + "<p>Code: <code>" + code + "</code>. Approve only if your device shows this code.</p>"
                        + "<form method=\"post\" action=\"/oauth2/device/verify\">"
                        + "<input type=\"hidden\" name=\"csrf_token\" value=\"" + token + "\">"
                        + "<input type=\"hidden\" name=\"user_code\" value=\"" + code + "\">"
                        + "<button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>"
                        + "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>");
    }

    /** {@code POST /oauth2/device/verify}. */
    public void deviceSubmit(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        Map<String, String> form = JsonBody.readForm(req);
        requireCsrf(req, who, form);
        boolean approve = "approve".equals(form.get("decision"));
        if (!grants.decideDevice(ApiKeyMiddleware.actor(req), form.getOrDefault("user_code", ""), approve)) {
            Html.send(res, 400, "Connect a device", "<p class=\"error\">This code is unknown, expired or already "
                    + "used.</p>");
            return;
        }
        Html.send(res, 200, approve ? "Device connected" : "Device denied", approve
                ? "<p>You can return to your device.</p>" : "<p>The device was not given access.</p>");
    }

    private AuthorizationRequest check(Map<String, String> params) {
        return AuthorizationRequest.check(params, clients.find(params.getOrDefault("client_id", "")));
    }

    private void consent(ServerResponse res, Authenticated who, AuthorizationRequest.Valid v, Map<String, String> params) {
        StringBuilder hidden = new StringBuilder();
        hidden.append(field("csrf_token", csrf.forKeyId(who.key().id())));
        AUTHORIZE_FIELDS.forEach(f -> {
            if (params.containsKey(f)) {
                hidden.append(field(f, params.get(f)));
            }
        });
        Html.send(res, 200, "Authorize " + v.app().name(),
                "<p><strong>" + Html.escape(v.app().name()) + "</strong> asks to act as <strong>"
                        + Html.escape(who.user().username()) + "</strong> with these scopes:</p><p><code>"
                        + Html.escape(String.join(" ", v.scopes())) + "</code></p>"
                        + (v.resource().isEmpty() ? "" : "<p>For the resource <code>" + Html.escape(v.resource())
                                + "</code>.</p>")
                        + "<p>You will be sent to <code>" + Html.escape(v.redirectUri()) + "</code>.</p>"
                        + "<form method=\"post\" action=\"/oauth2/authorize\">" + hidden
                        + "<button type=\"submit\" name=\"decision\" value=\"approve\">Allow</button>"
                        + "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>",
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
            throw ApiError.plainText(400, CSRF_FAILED);
        }
        String expected = csrf.forKeyId(who.key().id());
        if (source == TokenExtractor.Source.COOKIE && !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                form.getOrDefault("csrf_token", "").getBytes(StandardCharsets.UTF_8))) {
            throw ApiError.plainText(400, CSRF_FAILED);
        }
    }

    private static Map<String, String> errorParams(AuthorizationRequest.Redirected r) {
        return withState(Map.of("error", r.error().code(), "error_description", r.error().description()), r.state());
    }

    private static Map<String, String> withState(Map<String, String> params, String state) {
        Map<String, String> out = new java.util.LinkedHashMap<>(params);
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

    private static void error(ServerResponse res, String message) {
        Html.send(res, 400, "Authorization failed", "<p class=\"error\">" + Html.escape(message) + "</p>"
                + "<p>The application sent an invalid request. You were not redirected back to it.</p>");
    }

    private static String field(String name, String value) {
        return "<input type=\"hidden\" name=\"" + Html.escape(name) + "\" value=\"" + Html.escape(value) + "\">";
    }

    /** The redirect URI's origin for the consent page's {@code form-action}, or nothing if it is odd. */
    private static String cspOrigin(String redirectUri) {
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
