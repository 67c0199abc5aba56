package dev.tokend.server.web;

import dev.tokend.server.store.ApiKeyMinter;
import dev.tokend.server.store.AuthorizedKeys;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.middleware.Cookies;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.auth.CsrfTokens;
import dev.tokend.server.api.AuthApi;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The two HTML pages the foundation needs, without JavaScript:
 * <ul>
 *   <li>{@code GET /login} (optional authentication): a signed-in browser is sent on to
 *       {@code redirect}; otherwise a sign-in form that posts to {@code POST /login}, which signs in
 *       exactly as {@code POST /api/v2/users/login} does and sets the session cookies.
 *   <li>{@code GET /cli-auth} (redirect to login): a signed-in user mints a CLI session key
 *       ({@code POST /cli-auth}, CSRF-checked) to paste into {@code tokend login}; the key is shown once.
 * </ul>
 */
public final class LoginPages {
    private final Cookies cookies;
    private final java.security.SecureRandom rng;
    private final AuthApi auth;
    private final AuthorizedKeys keys;
    private final CsrfTokens csrf;
    private final Duration defaultTokenLifetime;
    private final java.util.List<Button> buttons;

    /** A sign-in button of an enabled IdP: its label and the flow's start route (§F.3). */
    public record Button(String label, String path) {}

    public LoginPages(Cookies cookies, java.security.SecureRandom rng, AuthApi auth, AuthorizedKeys keys,
            CsrfTokens csrf, Duration defaultTokenLifetime, java.util.List<Button> buttons) {
        this.buttons = java.util.List.copyOf(buttons);
        this.cookies = Objects.requireNonNull(cookies);
        this.rng = Objects.requireNonNull(rng);
        this.auth = Objects.requireNonNull(auth);
        this.keys = Objects.requireNonNull(keys);
        this.csrf = Objects.requireNonNull(csrf);
        this.defaultTokenLifetime = Objects.requireNonNull(defaultTokenLifetime);
    }

    /** {@code GET /login}. */
    public void loginPage(ServerRequest req, ServerResponse res) {
        String redirect = Html.safeRedirect(req.query().first("redirect").orElse("/"));
        if (ApiKeyMiddleware.optional(req).isPresent()) {
            redirect(res, redirect);
            return;
        }
        String message = req.query().first("message").orElse("");
        form(res, 200, redirect, message);
    }

    /**
     * Login CSRF defence (a forged cross-site form must not sign a victim in as the attacker):
     * every rendered form carries a fresh random nonce that must come back both as a form field and
     * as a {@code SameSite=Strict} cookie, which a cross-site form cannot send.
     */
    private void form(ServerResponse res, int status, String redirect, String message) {
        byte[] random = new byte[32];
        rng.nextBytes(random);
        String nonce = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        cookies.setLoginNonce(res, nonce);
        renderForm(res, status, redirect, message, nonce);
    }

    /** {@code POST /login}: the form's sign-in; errors re-render the form with the API's message. */
    public void loginSubmit(ServerRequest req, ServerResponse res) {
        Map<String, String> form = JsonBody.readForm(req);
        String redirect = Html.safeRedirect(form.getOrDefault("redirect", "/"));
        String cookie = req.headers().contains(io.helidon.http.HeaderNames.COOKIE)
                ? req.headers().cookies().first(Cookies.LOGIN_NONCE).orElse("") : "";
        String field = form.getOrDefault("nonce", "");
        if (cookie.isEmpty() || !java.security.MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                field.getBytes(StandardCharsets.UTF_8))) {
            form(res, 400, redirect, "Something is wrong with your CSRF token. Please refresh the page. "
                    + "If this error persists, try clearing your cookies.");
            return;
        }
        try {
            auth.signIn(req, res, form.getOrDefault("email", ""), form.getOrDefault("password", ""));
        } catch (ApiError e) {
            form(res, e.status(), redirect, e.body().message());
            return;
        }
        redirect(res, redirect);
    }

    /** {@code GET /cli-auth}: behind the redirect-to-login middleware. */
    public void cliAuthPage(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        Html.send(res, 200, "Sign in the tokend CLI",
                "<p>Signed in as <strong>" + Html.escape(who.user().username()) + "</strong>.</p>"
                        + "<p>Create a session key for the command-line tool. It is valid for "
                        + Html.escape(dev.tokend.sdk.GoDuration.format(defaultTokenLifetime))
                        + " and shown only once.</p>"
                        + "<form method=\"post\" action=\"/cli-auth\">"
                        + "<input type=\"hidden\" name=\"csrf_token\" value=\""
                        + Html.escape(csrf.forKeyId(who.key().id())) + "\">"
                        + "<button type=\"submit\">Create a CLI session key</button></form>");
    }

    /** {@code POST /cli-auth}: mints the key after checking the form's CSRF token. */
    public void cliAuthSubmit(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        Map<String, String> form = JsonBody.readForm(req);
        String expected = csrf.forKeyId(who.key().id());
        // Only a cookie can be sent by a forged cross-site form; header or bearer tokens need no CSRF field.
        boolean cookie = dev.tokend.server.http.middleware.TokenExtractor.extract(req)
                .map(e -> e.source() == dev.tokend.server.http.middleware.TokenExtractor.Source.COOKIE).orElse(false);
        if (cookie && !java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                form.getOrDefault("csrf_token", "").getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw ApiError.plainText(400, "Something is wrong with your CSRF token. Please refresh the page. "
                    + "If this error persists, try clearing your cookies.");
        }
        // The one minting path: authorized, never beyond the browser's key, and audited.
        ApiKeyMinter.Minted minted = keys.createCliKey(ApiKeyMiddleware.actor(req), who.user());
        Html.send(res, 201, "Your CLI session key",
                "<p>Paste this into <code>tokend login</code>. It will not be shown again.</p>"
                        + "<p><code id=\"key\">" + Html.escape(minted.token()) + "</code></p>");
    }

    private void renderForm(ServerResponse res, int status, String redirect, String message, String nonce) {
        Html.send(res, status, "Sign in to tokend",
                (message.isEmpty() ? "" : "<p class=\"error\">" + Html.escape(message) + "</p>")
                        + idpButtons(redirect)
                        + "<form method=\"post\" action=\"/login\">"
                        + "<input type=\"hidden\" name=\"nonce\" value=\"" + Html.escape(nonce) + "\">"
                        + "<input type=\"hidden\" name=\"redirect\" value=\"" + Html.escape(redirect) + "\">"
                        + "<label>Email <input type=\"email\" name=\"email\" autocomplete=\"username\" required></label>"
                        + "<label>Password <input type=\"password\" name=\"password\" "
                        + "autocomplete=\"current-password\" required></label>"
                        + "<button type=\"submit\">Sign in</button></form>");
    }

    /** One link per enabled IdP (links, not forms: the flow starts with a GET), then "or". */
    private String idpButtons(String redirect) {
        if (buttons.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (Button b : buttons) {
            html.append("<p><a class=\"idp\" href=\"").append(Html.escape(b.path())).append("?redirect=")
                    .append(Html.escape(java.net.URLEncoder.encode(redirect, StandardCharsets.UTF_8))).append("\">")
                    .append(Html.escape(b.label())).append("</a></p>");
        }
        return html.append("<p>or</p>").toString();
    }

    private static void redirect(ServerResponse res, String target) {
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, target);
        res.send();
    }
}
