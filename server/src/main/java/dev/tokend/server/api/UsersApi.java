package dev.tokend.server.api;

import dev.tokend.sdk.model.CreateUserRequest;
import dev.tokend.sdk.model.GetUsersResponse;
import dev.tokend.sdk.model.Response;
import dev.tokend.sdk.model.UpdateRoles;
import dev.tokend.sdk.model.UpdateUserPasswordRequest;
import dev.tokend.sdk.model.ValidationError;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.error.Validation;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.QueryParams;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.UserParam;
import dev.tokend.server.store.AuthorizedUsers;
import dev.tokend.server.user.UserValidation;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * User management (spec §2.1 U6–U11 and roles). Parses and renders only: who may do what, the
 * change and its audit row are {@link AuthorizedUsers}' business.
 */
public final class UsersApi {
    static final String INVALID_QUERY = QueryParams.INVALID;

    private static final Set<String> USER_STATUSES = Set.of(UserRow.ACTIVE, UserRow.DORMANT, UserRow.SUSPENDED);

    private final AuthorizedUsers users;
    private final boolean disablePasswordAuth;

    public UsersApi(AuthorizedUsers users, boolean disablePasswordAuth) {
        this.users = Objects.requireNonNull(users);
        this.disablePasswordAuth = disablePasswordAuth;
    }

    /** {@code GET /users}: the users the caller may read, filtered by {@code q} and paginated. */
    public void list(ServerRequest req, ServerResponse res) {
        long limit = QueryParams.pageLimit(req, "limit");
        long offset = QueryParams.nonNegative(req, "offset");
        Query query = Query.parse(req.query().first("q").orElse(""));
        AuthorizedUsers.Page page = users.list(ApiKeyMiddleware.actor(req), query.search(), query.status(), limit,
                offset);
        Http.json(res, 200, new GetUsersResponse(UserViews.toApi(page.users()), page.count()));
    }

    /** {@code GET /users/{user}}. */
    public void get(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, UserViews.toApi(users.details(ApiKeyMiddleware.actor(req), UserParam.required(req))));
    }

    /** {@code POST /users}: the store authorizes first, then this request is parsed (and refusals audited). */
    public void create(ServerRequest req, ServerResponse res) {
        AuthorizedUsers.UserDetails created = users.create(ApiKeyMiddleware.actor(req), () -> parseNewUser(req));
        Http.json(res, 201, UserViews.toApi(created));
    }

    private AuthorizedUsers.NewUser parseNewUser(ServerRequest req) {
        return newUser(JsonBody.read(req, CreateUserRequest.class), disablePasswordAuth);
    }

    /**
     * A create-user request checked for syntax and login type, as the store takes it. Shared by
     * this handler and the web UI's Users page, so both refuse the same input.
     */
    public static AuthorizedUsers.NewUser newUser(CreateUserRequest body, boolean disablePasswordAuth) {
        String loginType = body.loginType() == null || body.loginType().isEmpty() ? "password" : body.loginType();
        Validation v = new Validation().required("email", body.email()).required("username", body.username())
                .check("email", body.email(), UserValidation::validEmail, "email")
                .check("username", body.username(), UserValidation::validUsername, "username");
        String status = body.userStatus() == null || body.userStatus().isEmpty() ? UserRow.DORMANT : body.userStatus();
        v.check("user_status", status.equals(UserRow.ACTIVE) || status.equals(UserRow.DORMANT), "oneof", status);
        v.throwIfInvalid();
        List<UUID> orgIds = body.organizationIds() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(body.organizationIds()));
        if (orgIds.isEmpty()) {
            throw ApiError.validation(AuthorizedUsers.NO_ORGANIZATION,
                    List.of(new ValidationError("organization_ids", "must contain at least one organization id")));
        }
        boolean hasPassword = body.password() != null && !body.password().isEmpty();
        switch (loginType) {
            case "password" -> {
                if (disablePasswordAuth) {
                    throw ApiError.of(403, "Password based authentication is disabled! Unable to provision new "
                            + "users with password authentication.");
                }
                if (!hasPassword) {
                    new Validation().required("password", body.password()).throwIfInvalid();
                }
            }
            case "none" -> { }
            case "oidc" -> throw ApiError.badRequest("You must configure OIDC before creating OIDC users.", null);
            case "github" -> throw ApiError.badRequest("You must configure GitHub before creating GitHub users.", null);
            default -> throw ApiError.badRequest(
                    "Unsupported login type \"" + loginType + "\" for manually creating new users.", null);
        }
        if (!loginType.equals("password") && hasPassword) {
            throw ApiError.badRequest("Password cannot be set for non-password (\"" + loginType + "\") authentication.",
                    null);
        }
        return new AuthorizedUsers.NewUser(body.email(), body.username(), body.name(),
                hasPassword ? body.password() : null, status, loginType, orgIds);
    }

    /** {@code PUT /users/{user}/password}: changing a password signs the user out everywhere, atomically. */
    public void updatePassword(ServerRequest req, ServerResponse res) {
        users.changePassword(ApiKeyMiddleware.actor(req), UserParam.required(req), () -> {
            UpdateUserPasswordRequest body = JsonBody.read(req, UpdateUserPasswordRequest.class);
            new Validation().required("password", body.password()).throwIfInvalid();
            return new AuthorizedUsers.PasswordChange(body.oldPassword(), body.password());
        });
        Http.noContent(res);
    }

    /** {@code PUT /users/{user}/status/suspend}. Keys stay; the middleware rejects them while suspended. */
    public void suspend(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, UserViews.toApi(users.suspend(ApiKeyMiddleware.actor(req), UserParam.required(req))));
    }

    /** {@code PUT /users/{user}/status/activate}. */
    public void activate(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, UserViews.toApi(users.activate(ApiKeyMiddleware.actor(req), UserParam.required(req))));
    }

    /** {@code DELETE /users/{user}}: soft delete; a trigger deletes the user's keys in the same statement. */
    public void delete(ServerRequest req, ServerResponse res) {
        users.delete(ApiKeyMiddleware.actor(req), UserParam.required(req));
        Http.json(res, 200, Response.message("User has been deleted!"));
    }

    /** {@code PUT /users/{user}/roles}: every role added or removed must be assignable by the caller. */
    public void updateRoles(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, UserViews.toApi(users.updateRoles(ApiKeyMiddleware.actor(req), UserParam.required(req),
                () -> {
                    UpdateRoles body = JsonBody.read(req, UpdateRoles.class);
                    return body.roles() == null ? List.of() : body.roles();
                })));
    }

    /** The user search query: {@code status:<s>} terms and free text matched against username and email. */
    public record Query(String search, String status) {
        /** Parses {@code q}; 400 with the API's validation message for an unknown key or status. */
        public static Query parse(String q) {
            String status = "";
            List<String> words = new ArrayList<>();
            for (String term : q.trim().split("\\s+")) {
                if (term.isEmpty()) {
                    continue;
                }
                int colon = term.indexOf(':');
                if (colon > 0) {
                    String key = term.substring(0, colon).toLowerCase(Locale.ROOT);
                    String value = term.substring(colon + 1).toLowerCase(Locale.ROOT);
                    if (!key.equals("status")) {
                        throw ApiError.validation(INVALID_QUERY,
                                List.of(new ValidationError("q", "Query param \"" + key + "\" is not a valid query param")));
                    }
                    if (!USER_STATUSES.contains(value)) {
                        throw ApiError.validation(INVALID_QUERY,
                                List.of(new ValidationError("status", "Query param \"status\" has invalid value \""
                                        + value + "\"")));
                    }
                    status = value;
                } else {
                    words.add(term);
                }
            }
            return new Query(String.join(" ", words), status);
        }
    }
}
