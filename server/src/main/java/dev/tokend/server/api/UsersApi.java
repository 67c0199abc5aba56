package dev.tokend.server.api;

import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.store.AuthorizedUsers;
import dev.tokend.server.store.UniqueViolation;
import dev.tokend.server.user.PasswordHasher;
import dev.tokend.server.user.PasswordPolicy;
import dev.tokend.server.user.UserValidation;

import dev.tokend.sdk.model.CreateUserRequest;
import dev.tokend.sdk.model.GetUsersResponse;
import dev.tokend.sdk.model.Response;
import dev.tokend.sdk.model.UpdateRoles;
import dev.tokend.sdk.model.UpdateUserPasswordRequest;
import dev.tokend.sdk.model.User;
import dev.tokend.sdk.model.ValidationError;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.store.Auditor;
import dev.tokend.server.audit.Diffs;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.QueryParams;
import dev.tokend.server.error.Validation;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.UserParam;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.store.Authz;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.Roles;
import dev.tokend.server.rbac.Subject;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** User management (spec §2.1 U6–U11 and roles). Every decision about who may do what goes through {@link Authz}. */
public final class UsersApi {
    // NOTE: stable wire strings (reference §2.1).
    static final String NO_ORGANIZATION = "No organization specified to place the user as a member of. It is "
            + "required to specify at least one organization id to place the user in.";
    static final String USER_EXISTS = "User already exists.";
    static final String INVALID_QUERY = QueryParams.INVALID;

    private static final Set<String> USER_STATUSES = Set.of(UserRow.ACTIVE, UserRow.DORMANT, UserRow.SUSPENDED);

    private static final PasswordPolicy POLICY = new PasswordPolicy();

    private final Jdbi jdbi;
    private final Authz authz;
    private final AuthorizedUsers users;
    private final Auditor auditor;
    private final PasswordHasher hasher;
    private final InstantSource clock;
    private final boolean disablePasswordAuth;

    public UsersApi(Jdbi jdbi, Authz authz, Auditor auditor, PasswordHasher hasher, InstantSource clock,
            boolean disablePasswordAuth) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
        this.users = new AuthorizedUsers(jdbi, authz);
        this.auditor = Objects.requireNonNull(auditor);
        this.hasher = Objects.requireNonNull(hasher);
        this.clock = Objects.requireNonNull(clock);
        this.disablePasswordAuth = disablePasswordAuth;
    }

    /** {@code GET /users}: the users the caller may read, filtered by {@code q} and paginated. */
    public void list(ServerRequest req, ServerResponse res) {
        Subject subject = ApiKeyMiddleware.required(req).subject();
        long limit = QueryParams.pageLimit(req, "limit");
        long offset = QueryParams.nonNegative(req, "offset");
        Query query = Query.parse(req.query().first("q").orElse(""));
        GetUsersResponse answer = jdbi.withHandle(handle -> {
            AuthorizedUsers.Page page = users.list(handle, subject, query.search(), query.status(), limit, offset);
            return new GetUsersResponse(UserViews.load(handle, page.users()), page.count());
        });
        Http.json(res, 200, answer);
    }

    /** {@code GET /users/{user}}. */
    public void get(ServerRequest req, ServerResponse res) {
        UserRow target = UserParam.required(req);
        Http.json(res, 200, jdbi.withHandle(handle -> UserViews.load(handle, target)));
    }

    /** {@code POST /users}. */
    public void create(ServerRequest req, ServerResponse res) {
        AuditEntry audit = auditor.begin(req, "user", "create");
        User created = auditor.attempt(audit, () -> createAudited(req, audit));
        Http.json(res, 201, created);
    }

    private User createAudited(ServerRequest req, AuditEntry audit) {
        Subject subject = ApiKeyMiddleware.required(req).subject();
        if (!authz.can(subject, Action.CREATE, RbacObject.anyUser())) {
            throw ApiError.of(403, "You are not authorized to create users.");
        }
        CreateUserRequest body = JsonBody.read(req, CreateUserRequest.class);
        String loginType = body.loginType() == null || body.loginType().isEmpty() ? "password" : body.loginType();
        Validation v = new Validation().required("email", body.email()).required("username", body.username())
                .check("email", body.email(), UserValidation::validEmail, "email")
                .check("username", body.username(), UserValidation::validUsername, "username");
        String status = body.userStatus() == null || body.userStatus().isEmpty() ? UserRow.DORMANT : body.userStatus();
        v.check("user_status", status.equals(UserRow.ACTIVE) || status.equals(UserRow.DORMANT), "oneof", status);
        v.throwIfInvalid();
        List<UUID> orgIds = body.organizationIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(body.organizationIds()));
        if (orgIds.isEmpty()) {
            throw ApiError.validation(NO_ORGANIZATION,
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
        byte[] hash = new byte[0];
        if (hasPassword) {
            Optional<String> weak = POLICY.validate(body.password());
            if (weak.isPresent()) {
                throw ApiError.validation("Password is invalid", List.of(new ValidationError("password", weak.get())));
            }
            hash = hasher.hash(body.password()).getBytes(StandardCharsets.UTF_8);
        }
        byte[] hashedPassword = hash;
        User created;
        try {
            created = jdbi.inTransaction(handle -> {
                UserDao dao = handle.attach(UserDao.class);
                if (dao.userExistsByEmailOrUsername(body.email(), body.username())) {
                    throw ApiError.of(409, USER_EXISTS);
                }
                for (UUID orgId : orgIds) {
                    if (!dao.organizationExists(orgId)) {
                        throw ApiError.badRequest("Organization does not exist with the provided id \"" + orgId + "\".",
                                null);
                    }
                }
                UUID id = UUID.randomUUID();
                var now = clock.instant();
                dao.insertUser(id, body.email(), body.username(), body.name() == null ? "" : body.name(),
                        hashedPassword, now, status, new String[0], loginType);
                for (UUID orgId : orgIds) {
                    dao.insertOrganizationMember(id, orgId, new String[0], now);
                }
                UserRow row = dao.getUserById(id).orElseThrow();
                auditor.write(handle, audit.organization(orgIds.get(0)).resource(id, row.username())
                        .diff(Diffs.user(null, row)), 201);
                return UserViews.load(handle, row);
            });
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolation.is(e)) {
                throw ApiError.of(409, USER_EXISTS); // lost a race with a concurrent create of the same user
            }
            throw e;
        }
        return created;
    }

    /** {@code PUT /users/{user}/password}: changing a password signs the user out everywhere, atomically. */
    public void updatePassword(ServerRequest req, ServerResponse res) {
        UserRow target = UserParam.required(req);
        AuditEntry audit = auditor.begin(req, "user", "write").resource(target.id(), target.username());
        auditor.attempt(audit, () -> updatePasswordAudited(req, target, audit));
        Http.noContent(res);
    }

    private void updatePasswordAudited(ServerRequest req, UserRow target, AuditEntry audit) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        if (!authz.can(auth.subject(), Action.UPDATE_PERSONAL, RbacObject.user(target.id()))) {
            throw ApiError.notFound();
        }
        UpdateUserPasswordRequest body = JsonBody.read(req, UpdateUserPasswordRequest.class);
        new Validation().required("password", body.password()).throwIfInvalid();
        if (!"password".equals(target.loginType())) {
            throw ApiError.badRequest("Users without password login type cannot change their password.", null);
        }
        boolean self = target.id().equals(auth.user().id());
        if (self) {
            if (body.oldPassword() == null || body.oldPassword().isEmpty()) {
                throw ApiError.badRequest("Old password is required.", null);
            }
            if (!hasher.verify(body.oldPassword(), target.hashedPassword())) {
                throw ApiError.validation("Old password is incorrect.",
                        List.of(new ValidationError("old_password", "Old password is incorrect.")));
            }
        }
        Optional<String> weak = POLICY.validate(body.password());
        if (weak.isPresent()) {
            throw ApiError.validation("Invalid password.", List.of(new ValidationError("password", weak.get())));
        }
        if (hasher.verify(body.password(), target.hashedPassword())) {
            throw ApiError.badRequest("New password cannot match old password.", null);
        }
        byte[] hash = hasher.hash(body.password()).getBytes(StandardCharsets.UTF_8);
        jdbi.useTransaction(handle -> {
            handle.attach(UserDao.class).updateUserPassword(target.id(), hash, clock.instant());
            handle.attach(ApiKeyDao.class).deleteApiKeysOfUser(target.id());
            auditor.write(handle, audit.diff(Diffs.passwordChanged()), 204);
        });
    }

    /** {@code PUT /users/{user}/status/suspend}. Keys stay; the middleware rejects them while suspended. */
    public void suspend(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        UserRow target = UserParam.required(req);
        AuditEntry audit = auditor.begin(req, "user", "write").resource(target.id(), target.username());
        User updated = auditor.attempt(audit, () -> {
            authz.require(auth.subject(), Action.UPDATE, RbacObject.user(target.id()));
            if (target.id().equals(auth.user().id())) {
                throw ApiError.badRequest("You cannot suspend yourself.", null);
            }
            if (target.rbacRoles().contains(Roles.OWNER)) {
                throw ApiError.badRequest(
                        "You cannot suspend a user with the \"owner\" role. You must remove the role first.", null);
            }
            return setStatus(target, UserRow.SUSPENDED, audit);
        });
        Http.json(res, 200, updated);
    }

    /** {@code PUT /users/{user}/status/activate}. */
    public void activate(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        UserRow target = UserParam.required(req);
        AuditEntry audit = auditor.begin(req, "user", "write").resource(target.id(), target.username());
        User updated = auditor.attempt(audit, () -> {
            authz.require(auth.subject(), Action.UPDATE, RbacObject.user(target.id()));
            return setStatus(target, UserRow.ACTIVE, audit);
        });
        Http.json(res, 200, updated);
    }

    /** {@code DELETE /users/{user}}: soft delete; a trigger deletes the user's keys in the same statement. */
    public void delete(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        UserRow target = UserParam.required(req);
        AuditEntry audit = auditor.begin(req, "user", "delete").resource(target.id(), target.username());
        auditor.attempt(audit, () -> {
            authz.require(auth.subject(), Action.DELETE, RbacObject.user(target.id()));
            if (target.id().equals(auth.user().id())) {
                throw ApiError.of(403, "You cannot delete yourself!");
            }
            jdbi.useTransaction(h -> {
                h.attach(UserDao.class).softDeleteUser(target.id(), clock.instant());
                auditor.write(h, audit.diff(Diffs.user(target, null)), 200);
            });
        });
        Http.json(res, 200, Response.message("User has been deleted!"));
    }

    /** {@code PUT /users/{user}/roles}: every role added or removed must be assignable by the caller. */
    public void updateRoles(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        UserRow target = UserParam.required(req);
        AuditEntry audit = auditor.begin(req, "user", "write").resource(target.id(), target.username());
        User updated = auditor.attempt(audit, () -> updateRolesAudited(req, auth, target, audit));
        Http.json(res, 200, updated);
    }

    private User updateRolesAudited(ServerRequest req, Authenticated auth, UserRow target, AuditEntry audit) {
        authz.require(auth.subject(), Action.UPDATE, RbacObject.user(target.id()));
        UpdateRoles body = JsonBody.read(req, UpdateRoles.class);
        if (target.id().equals(auth.user().id())) {
            throw ApiError.badRequest("You cannot change your own roles.", null);
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String role : body.roles() == null ? List.<String>of() : body.roles()) {
            String name = role == null ? "" : role.toLowerCase(Locale.ROOT);
            if (name.equals(Roles.MEMBER)) {
                continue; // implicit for everyone; never stored
            }
            if (!Roles.ASSIGNABLE_SITE_ROLES.contains(name)) {
                throw ApiError.badRequest("Invalid site role.", "Role \"" + role + "\" is not a valid site role. "
                        + "Valid roles: " + String.join(", ", Roles.ASSIGNABLE_SITE_ROLES) + ".");
            }
            wanted.add(name);
        }
        Set<String> current = new LinkedHashSet<>(target.rbacRoles());
        for (String added : difference(wanted, current)) {
            authz.require(auth.subject(), Action.ASSIGN, RbacObject.role(added));
        }
        for (String removed : difference(current, wanted)) {
            authz.require(auth.subject(), Action.UNASSIGN, RbacObject.role(removed));
        }
        String[] roles = Roles.ASSIGNABLE_SITE_ROLES.stream().filter(wanted::contains).toArray(String[]::new);
        return jdbi.inTransaction(handle -> {
            UserDao dao = handle.attach(UserDao.class);
            dao.updateUserRoles(target.id(), roles, clock.instant());
            UserRow after = dao.getUserById(target.id()).orElseThrow(ApiError::notFound);
            auditor.write(handle, audit.diff(Diffs.user(target, after)), 200);
            return UserViews.load(handle, after);
        });
    }

    private User setStatus(UserRow target, String status, AuditEntry audit) {
        return jdbi.inTransaction(handle -> {
            UserDao dao = handle.attach(UserDao.class);
            dao.updateUserStatus(target.id(), status, clock.instant());
            UserRow after = dao.getUserById(target.id()).orElseThrow(ApiError::notFound);
            auditor.write(handle, audit.diff(Diffs.status(target.status(), after.status())), 200);
            return UserViews.load(handle, after);
        });
    }

    private static List<String> difference(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }

    /** The user search query: {@code status:<s>} terms and free text matched against username and email. */
    record Query(String search, String status) {
        static Query parse(String q) {
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
