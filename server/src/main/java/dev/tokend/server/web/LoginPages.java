package dev.tokend.server.web;

import dev.tokend.sdk.GoDuration;
import dev.tokend.sdk.model.AuthMethods;
import dev.tokend.sdk.model.ValidationError;
import dev.tokend.server.api.AuthApi;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.error.Validation;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.Cookies;
import dev.tokend.server.store.ApiKeyMinter;
import dev.tokend.server.store.AuthorizedKeys;
import dev.tokend.server.store.AuthorizedUsers;
import dev.tokend.server.user.UserValidation;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signing in and out, without JavaScript:
 * <ul>
 *   <li>{@code GET /login} (optional authentication): a signed-in browser is sent on to
 *       {@code redirect}; on an empty deployment the first-user form; otherwise the sign-in page:
 *       one button per enabled identity provider (from {@link AuthApi#methods()}, the data of
 *       {@code GET /api/v2/users/authmethods}) and the password form, posting to {@code POST /login},
 *       which signs in exactly as {@code POST /api/v2/users/login} does.
 *   <li>{@code POST /login/setup}: creates the first user (as {@code POST /api/v2/users/first}) and signs in.
 *   <li>{@code GET /}: the Tokens page for a signed-in browser (the redirect middleware sends others to sign in).
 *   <li>{@code POST /logout}: signs the browser out (as {@code POST /api/v2/users/logout}).
 *   <li>{@code GET /cli-auth} (redirect to login): a signed-in user mints a CLI session key
 *       ({@code POST /cli-auth}, CSRF-checked) to paste into {@code tokend login}; the key is shown once.
 * </ul>
 */
public final class LoginPages {
    private final PageSupport pages;
    private final Cookies cookies;
    private final SecureRandom rng;
    private final AuthApi auth;
    private final AuthorizedKeys keys;
    private final AuthorizedUsers users;
    private final Duration cliKeyLifetime;

    LoginPages(PageSupport pages, Cookies cookies, SecureRandom rng, AuthApi auth, AuthorizedKeys keys,
            AuthorizedUsers users, Duration cliKeyLifetime) {
        this.pages = Objects.requireNonNull(pages);
        this.cookies = Objects.requireNonNull(cookies);
        this.rng = Objects.requireNonNull(rng);
        this.auth = Objects.requireNonNull(auth);
        this.keys = Objects.requireNonNull(keys);
        this.users = Objects.requireNonNull(users);
        this.cliKeyLifetime = Objects.requireNonNull(cliKeyLifetime);
    }

    /** One identity-provider button: its text, where it starts the flow, and an optional icon. */
    public record IdpButton(String label, String href, String iconUrl) {}

    public record LoginView(String redirect, String nonce, String message, boolean error, String email,
            boolean password, List<IdpButton> buttons) {}

    public record SetupView(String nonce, String message, String username, String name, String email,
            Map<String, String> errors) {}

    public record CliAuthView(String username, String lifetime, String csrf) {}

    public record CliKeyView(String token) {}

    /** {@code GET /login}. */
    public void loginPage(ServerRequest req, ServerResponse res) {
        String redirect = PageSupport.safeRedirect(req.query().first("redirect").orElse("/"));
        if (ApiKeyMiddleware.optional(req).isPresent()) {
            PageSupport.redirect(res, redirect);
            return;
        }
        if (!users.anyUserExists()) {
            setup(res, 200, "", "", "", "", Map.of());
            return;
        }
        // The message comes from the redirect middleware ("You must be logged in…"); jte escapes it.
        login(res, 200, redirect, req.query().first("message").orElse(""), false, "");
    }

    /** {@code POST /login}: the form's sign-in; errors re-render the form in place with the API's message. */
    public void loginSubmit(ServerRequest req, ServerResponse res) {
        Map<String, String> form = JsonBody.readForm(req);
        String redirect = PageSupport.safeRedirect(form.getOrDefault("redirect", "/"));
        String email = form.getOrDefault("email", "");
        if (!nonceMatches(req, form)) {
            login(res, 400, redirect, PageSupport.CSRF_FAILED, true, email);
            return;
        }
        try {
            auth.signIn(req, res, email, form.getOrDefault("password", ""));
        } catch (ApiError e) {
            login(res, e.status(), redirect, e.body().message(), true, email);
            return;
        }
        PageSupport.redirect(res, redirect);
    }

    /** {@code POST /login/setup}: the first user, then a signed-in session; refused once any user exists. */
    public void setupSubmit(ServerRequest req, ServerResponse res) {
        Map<String, String> form = JsonBody.readForm(req);
        String email = form.getOrDefault("email", "").trim();
        String username = form.getOrDefault("username", "").trim();
        String name = form.getOrDefault("name", "").trim();
        String password = form.getOrDefault("password", "");
        if (!nonceMatches(req, form)) {
            setup(res, 400, PageSupport.CSRF_FAILED, username, name, email, Map.of());
            return;
        }
        try {
            // The same checks and the same store call as POST /api/v2/users/first.
            new Validation().required("email", email).required("username", username).required("password", password)
                    .check("email", email, UserValidation::validEmail, "email")
                    .check("username", username, UserValidation::validUsername, "username")
                    .throwIfInvalid();
            users.createFirstUser(ApiKeyMiddleware.actor(req), email, username, name, password);
            auth.signIn(req, res, email, password);
        } catch (ApiError e) {
            Map<String, String> errors = new HashMap<>();
            for (ValidationError v : e.body().validations() == null ? List.<ValidationError>of()
                    : e.body().validations()) {
                errors.putIfAbsent(v.field(), v.detail());
            }
            setup(res, e.status(), e.body().message(), username, name, email, errors);
            return;
        }
        PageSupport.redirect(res, "/tokens");
    }

    /** {@code GET /}: the landing page is the Tokens page. */
    public void home(ServerRequest req, ServerResponse res) {
        PageSupport.redirect(res, "/tokens");
    }

    /** {@code POST /logout}: deletes this session's key (CSRF-checked form) and clears the cookies. */
    public void logout(ServerRequest req, ServerResponse res) {
        pages.form(req);
        keys.logout(ApiKeyMiddleware.actor(req));
        cookies.clearSession(res);
        PageSupport.redirect(res, "/login");
    }

    /** {@code GET /cli-auth}: behind the redirect-to-login middleware. */
    public void cliAuthPage(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        pages.view.send(res, 200, "cli-auth.jte", pages.frame(req, "Sign in the tokend CLI", ""),
                new CliAuthView(who.user().username(), GoDuration.format(cliKeyLifetime), pages.csrfToken(req)));
    }

    /** {@code POST /cli-auth}: mints the key after checking the form's CSRF token. */
    public void cliAuthSubmit(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        pages.form(req);
        // The one minting path: authorized, never beyond the browser's key, and audited.
        ApiKeyMinter.Minted minted = keys.createCliKey(ApiKeyMiddleware.actor(req), who.user());
        pages.view.send(res, 201, "cli-auth-key.jte", pages.frame(req, "Your CLI session key", ""),
                new CliKeyView(minted.token()));
    }

    // ---- helpers --------------------------------------------------------------------------------

    /**
     * Login CSRF defence (a forged cross-site form must not sign a victim in as the attacker):
     * every rendered form carries a fresh random nonce that must come back both as a form field and
     * as a {@code SameSite=Strict} cookie (path {@code /login}), which a cross-site form cannot send.
     */
    private String newNonce(ServerResponse res) {
        byte[] random = new byte[32];
        rng.nextBytes(random);
        String nonce = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        cookies.setLoginNonce(res, nonce);
        return nonce;
    }

    private static boolean nonceMatches(ServerRequest req, Map<String, String> form) {
        String cookie = req.headers().contains(HeaderNames.COOKIE)
                ? req.headers().cookies().first(Cookies.LOGIN_NONCE).orElse("") : "";
        String field = form.getOrDefault("nonce", "");
        return !cookie.isEmpty() && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                field.getBytes(StandardCharsets.UTF_8));
    }

    private void login(ServerResponse res, int status, String redirect, String message, boolean error, String email) {
        AuthMethods methods = auth.methods();
        pages.view.send(res, status, "login.jte", pages.anonymous("Sign in"),
                new LoginView(redirect, newNonce(res), message, error, email, methods.password().enabled(),
                        buttons(methods, redirect)));
    }

    private void setup(ServerResponse res, int status, String message, String username, String name, String email,
            Map<String, String> errors) {
        pages.view.send(res, status, "setup.jte", pages.anonymous("Create the first user"),
                new SetupView(newNonce(res), message, username, name, email, errors));
    }

    /** Reference F.3: GitHub, then OIDC (its sign-in text or "OpenID Connect"), each a link starting its flow. */
    static List<IdpButton> buttons(AuthMethods methods, String redirect) {
        String r = URLEncoder.encode(redirect, StandardCharsets.UTF_8);
        List<IdpButton> out = new ArrayList<>();
        if (methods.github() != null && methods.github().enabled()) {
            out.add(new IdpButton("Sign in with GitHub", "/api/v2/users/oauth2/github/callback?redirect=" + r, ""));
        }
        if (methods.oidc() != null && methods.oidc().enabled()) {
            String text = methods.oidc().signInText() == null || methods.oidc().signInText().isBlank()
                    ? "OpenID Connect" : methods.oidc().signInText();
            String icon = methods.oidc().iconUrl() == null ? "" : methods.oidc().iconUrl();
            out.add(new IdpButton("Sign in with " + text, "/api/v2/users/oidc/callback?redirect=" + r,
                    icon.startsWith("https://") || icon.startsWith("/") ? icon : ""));
        }
        return out;
    }
}
