package dev.tokend.server.web;

import dev.tokend.sdk.model.CreateUserRequest;
import dev.tokend.server.api.UsersApi;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.db.Membership;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.rbac.Roles;
import dev.tokend.server.store.AuthorizedUsers;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Users pages (owners and user-admins): search, create, suspend and activate, roles, and
 * password reset. Each action is the store call of the matching API route, with the API
 * handler's own parsing ({@link UsersApi#newUser}, {@link UsersApi.Query}).
 */
public final class UserPages {
    static final int PAGE_SIZE = 50;

    private final PageSupport pages;
    private final AuthorizedUsers users;
    private final boolean disablePasswordAuth;

    UserPages(PageSupport pages, AuthorizedUsers users, boolean disablePasswordAuth) {
        this.pages = Objects.requireNonNull(pages);
        this.users = Objects.requireNonNull(users);
        this.disablePasswordAuth = disablePasswordAuth;
    }

    public record UserRowView(String id, String username, String name, String email, String status,
            List<String> roles, String loginType, When created, boolean self) {}

    public record NewUserForm(String email, String username, String name, boolean open) {}

    public record ListView(String q, List<UserRowView> users, long count, int page, boolean hasNext, String csrf,
            NewUserForm form, String error) {}

    public record RoleOption(String name, String label, boolean checked) {}

    public record DetailView(UserRowView user, List<RoleOption> roles, String csrf, String error) {}

    /** {@code GET /users?q=&page=}. */
    public void list(ServerRequest req, ServerResponse res) {
        renderList(req, res, 200, new NewUserForm("", "", "", false), "");
    }

    /** {@code POST /users}: as {@code POST /api/v2/users}, into the caller's first organization. */
    public void create(ServerRequest req, ServerResponse res) {
        Map<String, List<String>> form = pages.form(req);
        Actor actor = ApiKeyMiddleware.actor(req);
        Authenticated who = ApiKeyMiddleware.required(req);
        String email = PageSupport.first(form, "email").trim();
        String username = PageSupport.first(form, "username").trim();
        String name = PageSupport.first(form, "name").trim();
        String password = PageSupport.first(form, "password");
        try {
            users.create(actor, () -> {
                List<Membership> memberships = users.details(actor, who.user()).memberships();
                List<java.util.UUID> orgs = memberships.isEmpty() ? List.of()
                        : List.of(memberships.get(0).organizationId());
                return UsersApi.newUser(new CreateUserRequest(email, username, name, password, "password", orgs, ""),
                        disablePasswordAuth);
            });
            PageSupport.redirect(res, "/users?done=user-created");
        } catch (ApiError e) {
            renderList(req, res, e.status(), new NewUserForm(email, username, name, true), message(e));
        }
    }

    /** {@code GET /users/{user}}. */
    public void detail(ServerRequest req, ServerResponse res) {
        try {
            renderDetail(req, res, 200, target(req), "");
        } catch (ApiError e) {
            pages.error(req, res, e, "/users");
        }
    }

    /** {@code POST /users/{user}/suspend}. */
    public void suspend(ServerRequest req, ServerResponse res) {
        act(req, res, (actor, target, form) -> users.suspend(actor, target));
    }

    /** {@code POST /users/{user}/activate}. */
    public void activate(ServerRequest req, ServerResponse res) {
        act(req, res, (actor, target, form) -> users.activate(actor, target));
    }

    /** {@code POST /users/{user}/roles}: the checked roles become the user's site roles. */
    public void roles(ServerRequest req, ServerResponse res) {
        act(req, res, (actor, target, form) -> users.updateRoles(actor, target, () -> PageSupport.all(form, "role")));
    }

    /** {@code POST /users/{user}/password}: an admin's reset; signs the user out everywhere. */
    public void resetPassword(ServerRequest req, ServerResponse res) {
        act(req, res, (actor, target, form) -> users.changePassword(actor, target,
                () -> new AuthorizedUsers.PasswordChange("", PageSupport.first(form, "password"))));
    }

    private interface Action {
        void run(Actor actor, UserRow target, Map<String, List<String>> form);
    }

    private void act(ServerRequest req, ServerResponse res, Action action) {
        Map<String, List<String>> form = pages.form(req);
        UserRow target;
        try {
            target = target(req);
        } catch (ApiError e) {
            pages.error(req, res, e, "/users");
            return;
        }
        try {
            action.run(ApiKeyMiddleware.actor(req), target, form);
            PageSupport.redirect(res, "/users/" + target.id() + "?done=user-updated");
        } catch (ApiError e) {
            // Re-read: the action may have changed nothing, or the user may have become unreadable.
            try {
                renderDetail(req, res, e.status(), target(req), message(e));
            } catch (ApiError again) {
                pages.error(req, res, e, "/users");
            }
        }
    }

    private UserRow target(ServerRequest req) {
        String id = req.path().pathParameters().first("user").orElse("");
        return users.find(ApiKeyMiddleware.actor(req), id).orElseThrow(ApiError::notFound);
    }

    private void renderList(ServerRequest req, ServerResponse res, int status, NewUserForm form, String error) {
        String q = req.query().first("q").orElse("");
        int page = pageNumber(req);
        Instant now = pages.clock.instant();
        UserRow me = ApiKeyMiddleware.required(req).user();
        try {
            UsersApi.Query query = UsersApi.Query.parse(q);
            AuthorizedUsers.Page found = users.list(ApiKeyMiddleware.actor(req), query.search(), query.status(),
                    PAGE_SIZE, (long) (page - 1) * PAGE_SIZE);
            List<UserRowView> rows = found.users().stream().map(d -> view(d.user(), me, now)).toList();
            Frame frame = pages.frame(req, "Users", "users");
            pages.view.send(res, status, "users.jte", error.isEmpty() ? frame : frame.withFlash(Frame.Flash.error(error)),
                    new ListView(q, rows, found.count(), page, (long) page * PAGE_SIZE < found.count(),
                            pages.csrfToken(req), form, error));
        } catch (ApiError e) {
            Frame frame = pages.frame(req, "Users", "users").withFlash(Frame.Flash.error(message(e)));
            pages.view.send(res, e.status(), "users.jte", frame,
                    new ListView(q, List.of(), 0, 1, false, pages.csrfToken(req), form, message(e)));
        }
    }

    private void renderDetail(ServerRequest req, ServerResponse res, int status, UserRow target, String error) {
        UserRow me = ApiKeyMiddleware.required(req).user();
        List<RoleOption> roles = Roles.ASSIGNABLE_SITE_ROLES.stream()
                .map(r -> new RoleOption(r, Roles.siteDisplayName(r).orElse(r), target.rbacRoles().contains(r)))
                .toList();
        Frame frame = pages.frame(req, target.username(), "users");
        pages.view.send(res, status, "user.jte", error.isEmpty() ? frame : frame.withFlash(Frame.Flash.error(error)),
                new DetailView(view(target, me, pages.clock.instant()), roles, pages.csrfToken(req), error));
    }

    private static UserRowView view(UserRow u, UserRow me, Instant now) {
        return new UserRowView(u.id().toString(), u.username(), u.name() == null ? "" : u.name(), u.email(),
                u.status(), u.rbacRoles(), u.loginType(), When.of(u.createdAt(), now), u.id().equals(me.id()));
    }

    static String message(ApiError e) {
        String detail = e.body().detail();
        if (e.body().validations() != null && !e.body().validations().isEmpty()) {
            detail = e.body().validations().stream().map(v -> v.field() + ": " + v.detail())
                    .collect(java.util.stream.Collectors.joining("; "));
        }
        return e.body().message() + (detail == null || detail.isEmpty() ? "" : " " + detail);
    }

    static int pageNumber(ServerRequest req) {
        try {
            return Math.max(1, Math.min(100_000, Integer.parseInt(req.query().first("page").orElse("1"))));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
