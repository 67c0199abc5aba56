package dev.tokend.server.web;

import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.Cookies;
import dev.tokend.server.store.AuthorizedKeys;
import dev.tokend.server.store.AuthorizedUsers;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /account}: the caller's sessions and CLI keys (this one marked) with sign-out of the
 * others, and the password change (as {@code PUT /api/v2/users/me/password}, which signs the user
 * out everywhere, this browser included).
 */
public final class AccountPages {
    private final PageSupport pages;
    private final AuthorizedKeys keys;
    private final AuthorizedUsers users;
    private final Cookies cookies;

    AccountPages(PageSupport pages, AuthorizedKeys keys, AuthorizedUsers users, Cookies cookies) {
        this.pages = Objects.requireNonNull(pages);
        this.keys = Objects.requireNonNull(keys);
        this.users = Objects.requireNonNull(users);
        this.cookies = Objects.requireNonNull(cookies);
    }

    public record Session(String id, String kind, String ip, When created, When lastUsed, When expires,
            boolean current) {}

    public record View(String username, String email, boolean password, List<Session> sessions, String csrf,
            String error) {}

    /** {@code GET /account}. */
    public void page(ServerRequest req, ServerResponse res) {
        render(req, res, 200, "");
    }

    /** {@code POST /account/sessions/revoke-others}. */
    public void revokeOthers(ServerRequest req, ServerResponse res) {
        pages.form(req);
        keys.deleteOtherSessions(ApiKeyMiddleware.actor(req));
        PageSupport.redirect(res, "/account?done=sessions-revoked");
    }

    /** {@code POST /account/sessions/{id}/revoke}: one of the caller's other sessions. */
    public void revoke(ServerRequest req, ServerResponse res) {
        pages.form(req);
        Actor actor = ApiKeyMiddleware.actor(req);
        String id = req.path().pathParameters().first("id").orElse("");
        boolean mine = keys.sessions(actor).stream()
                .anyMatch(k -> k.id().equals(id) && !k.id().equals(ApiKeyMiddleware.required(req).key().id()));
        try {
            if (!mine) {
                throw ApiError.notFound();
            }
            keys.delete(actor, id);
            PageSupport.redirect(res, "/account?done=session-revoked");
        } catch (ApiError e) {
            pages.error(req, res, e, "/account");
        }
    }

    /** {@code POST /account/password}: then every session is gone, so the browser signs in again. */
    public void changePassword(ServerRequest req, ServerResponse res) {
        Map<String, List<String>> form = pages.form(req);
        Authenticated who = ApiKeyMiddleware.required(req);
        String next = PageSupport.first(form, "password");
        try {
            if (!next.equals(PageSupport.first(form, "confirm_password"))) {
                throw ApiError.badRequest("The new passwords do not match.", null);
            }
            users.changePassword(ApiKeyMiddleware.actor(req), who.user(),
                    () -> new AuthorizedUsers.PasswordChange(PageSupport.first(form, "old_password"), next));
        } catch (ApiError e) {
            render(req, res, e.status(), UserPages.message(e));
            return;
        }
        cookies.clearSession(res);
        PageSupport.redirect(res, "/login?message=" + URLEncoder.encode(
                "Password changed. Sign in with your new password.", StandardCharsets.UTF_8));
    }

    private void render(ServerRequest req, ServerResponse res, int status, String error) {
        Authenticated who = ApiKeyMiddleware.required(req);
        Instant now = pages.clock.instant();
        List<Session> sessions = keys.sessions(ApiKeyMiddleware.actor(req)).stream()
                .map(k -> session(k, who.key().id(), now)).toList();
        Frame frame = pages.frame(req, "Account", "account");
        pages.view.send(res, status, "account.jte", error.isEmpty() ? frame : frame.withFlash(Frame.Flash.error(error)),
                new View(who.user().username(), who.user().email(), "password".equals(who.user().loginType()),
                        sessions, pages.csrfToken(req), error));
    }

    private static Session session(ApiKeyRow k, String currentId, Instant now) {
        // Sign-ins slide their expiry; CLI keys (from /cli-auth or POST /users/me/keys) do not.
        String kind = (k.slidingExpiry() ? "Browser sign-in" : "CLI key") + " (" + k.loginType() + ")";
        return new Session(k.id(), kind, k.ipAddress() == null ? "" : k.ipAddress(), When.of(k.createdAt(), now),
                When.of(k.lastUsed(), now), When.of(k.expiresAt(), now), k.id().equals(currentId));
    }
}
