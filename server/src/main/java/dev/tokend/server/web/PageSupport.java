package dev.tokend.server.web;

import dev.tokend.server.auth.CsrfTokens;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.TokenExtractor;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.store.Authz;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What every signed-in page shares: the layout's frame, the CSRF check of its forms, errors and redirects. */
final class PageSupport {
    // NOTE: the same sentence as the API's CSRF middleware and /cli-auth (tests match it).
    static final String CSRF_FAILED = "Something is wrong with your CSRF token. Please refresh the page. "
            + "If this error persists, try clearing your cookies.";

    final View view;
    final InstantSource clock;
    private final CsrfTokens csrf;
    private final Authz authz;

    PageSupport(View view, CsrfTokens csrf, Authz authz, InstantSource clock) {
        this.view = Objects.requireNonNull(view);
        this.csrf = Objects.requireNonNull(csrf);
        this.authz = Objects.requireNonNull(authz);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The frame of a page behind the redirect-to-login middleware; {@code active} marks the nav entry. */
    Frame frame(ServerRequest req, String title, String active) {
        Authenticated who = ApiKeyMiddleware.required(req);
        boolean users = authz.can(who.subject(), Action.READ, RbacObject.anyUser());
        boolean audit = authz.can(who.subject(), Action.READ, new RbacObject(RbacObject.AUDIT_LOG, "", null, null));
        boolean apps = authz.can(who.subject(), Action.READ, new RbacObject(RbacObject.OAUTH2_APP, "", null, null));
        return new Frame(title, view.nonce(),
                new Frame.Nav(who.user().username(), csrfToken(req), active, users, audit, apps), flash(req));
    }

    /** A signed-out page's frame (sign-in, first user, errors before sign-in). */
    Frame anonymous(String title) {
        return new Frame(title, view.nonce(), null, null);
    }

    /** The value of the hidden {@code csrf_token} field of this session's forms. */
    String csrfToken(ServerRequest req) {
        return csrf.forKeyId(ApiKeyMiddleware.required(req).key().id());
    }

    /**
     * Reads a form and checks its CSRF field. Only a cookie can ride on a forged cross-site form, so
     * a request authenticated by a header or bearer token needs no field (as for the API).
     */
    Map<String, List<String>> form(ServerRequest req) {
        Map<String, List<String>> form = JsonBody.readFormValues(req);
        boolean cookie = TokenExtractor.extract(req).map(e -> e.source() == TokenExtractor.Source.COOKIE)
                .orElse(false);
        if (cookie && !MessageDigest.isEqual(csrfToken(req).getBytes(StandardCharsets.UTF_8),
                first(form, "csrf_token").getBytes(StandardCharsets.UTF_8))) {
            throw ApiError.plainText(400, CSRF_FAILED);
        }
        return form;
    }

    static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    static List<String> all(Map<String, List<String>> form, String name) {
        return form.getOrDefault(name, List.of());
    }

    /** An error page with the status the store or parser chose (a denied read stays a 404). */
    void error(ServerRequest req, ServerResponse res, ApiError e, String backTo) {
        Frame frame = ApiKeyMiddleware.optional(req).isPresent()
                ? frame(req, e.status() == 404 ? "Not found" : "Something went wrong", "")
                : anonymous("Something went wrong");
        view.send(res, e.status(), "error.jte", frame,
                new ErrorView(e.status(), e.body().message(), e.body().detail() == null ? "" : e.body().detail(),
                        backTo));
    }

    /** Post/redirect/get: 303 to a page of this site, with a fixed flash code (never user text). */
    static void redirect(ServerResponse res, String target) {
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, safeRedirect(target));
        res.send();
    }

    /**
     * A redirect target that stays on this site (the one rule, {@link dev.tokend.server.http.SameOriginRedirect}):
     * control characters and backslashes refused, then a path with no scheme and no authority; else {@code /}.
     */
    static String safeRedirect(String target) {
        return dev.tokend.server.http.SameOriginRedirect.sanitize(target);
    }

    /** Flash codes a redirect may carry, and their fixed text. */
    private static final Map<String, String> FLASHES = Map.ofEntries(
            Map.entry("token-updated", "Token updated."),
            Map.entry("token-expired", "Token expired. It can no longer be used."),
            Map.entry("token-deleted", "Token deleted."),
            Map.entry("user-created", "User created."),
            Map.entry("user-updated", "User updated."),
            Map.entry("password-changed", "Password changed. Every session of that user was signed out."),
            Map.entry("sessions-revoked", "Your other sessions were signed out."),
            Map.entry("session-revoked", "Session signed out."),
            Map.entry("app-updated", "OAuth2 app updated."),
            Map.entry("app-deleted", "OAuth2 app deleted. Its tokens no longer work."),
            Map.entry("secret-deleted", "Client secret deleted. It can no longer authenticate the app."),
            Map.entry("app-revoked", "Access revoked. The app's tokens no longer work."));

    private static Frame.Flash flash(ServerRequest req) {
        String code = req.query().first("done").orElse("");
        String text = FLASHES.get(code);
        return text == null ? null : Frame.Flash.success(text);
    }
}
