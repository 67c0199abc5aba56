package dev.tokend.server.api;

import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.user.PasswordHasher;
import dev.tokend.server.user.PasswordPolicy;
import dev.tokend.server.user.UserValidation;

import dev.tokend.sdk.model.AuthMethods;
import dev.tokend.sdk.model.CreateFirstUserRequest;
import dev.tokend.sdk.model.CreateFirstUserResponse;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.sdk.model.LoginWithPasswordResponse;
import dev.tokend.sdk.model.Response;
import dev.tokend.sdk.model.ValidatePasswordRequest;
import dev.tokend.sdk.model.ValidatePasswordResponse;
import dev.tokend.sdk.model.ValidationError;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.store.ApiKeyMinter;
import dev.tokend.server.auth.TokenKind;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.store.Auditor;
import dev.tokend.server.audit.Diffs;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.middleware.Cookies;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.RequestInfo;
import dev.tokend.server.error.Validation;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.auth.CsrfTokens;
import dev.tokend.server.rbac.Roles;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** First user, authentication methods, password login and logout (spec §2.1 U1–U5). */
public final class AuthApi {
    // NOTE: stable wire strings (reference §2.1).
    static final String FIRST_USER_EXISTS = "The initial user has already been created!";
    static final String FIRST_USER_MISSING = "The initial user has not been created!";
    static final String FIRST_USER_CONFLICT = "The initial user has already been created.";
    static final String BAD_CREDENTIALS = "Incorrect email or password.";
    static final String PASSWORD_AUTH_DISABLED = "Password authentication is disabled.";

    /** Name of the organization created with the first user. */
    static final String DEFAULT_ORGANIZATION = "default";

    private static final PasswordPolicy POLICY = new PasswordPolicy();

    private final Jdbi jdbi;
    private final Auditor auditor;
    private final PasswordHasher hasher;
    private final ApiKeyMinter minter;
    private final Cookies cookies;
    private final CsrfTokens csrf;
    private final InstantSource clock;
    private final Duration sessionDuration;
    private final boolean disablePasswordAuth;

    public AuthApi(Jdbi jdbi, Auditor auditor, PasswordHasher hasher, ApiKeyMinter minter, Cookies cookies,
            CsrfTokens csrf, InstantSource clock, Duration sessionDuration, boolean disablePasswordAuth) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.auditor = Objects.requireNonNull(auditor);
        this.hasher = Objects.requireNonNull(hasher);
        this.minter = Objects.requireNonNull(minter);
        this.cookies = Objects.requireNonNull(cookies);
        this.csrf = Objects.requireNonNull(csrf);
        this.clock = Objects.requireNonNull(clock);
        this.sessionDuration = Objects.requireNonNull(sessionDuration);
        this.disablePasswordAuth = disablePasswordAuth;
    }

    /** U1 {@code GET /users/first}. */
    public void hasFirstUser(ServerRequest req, ServerResponse res) {
        long count = jdbi.withExtension(UserDao.class, UserDao::countUsers);
        if (count == 0) {
            throw ApiError.of(404, FIRST_USER_MISSING);
        }
        Http.json(res, 200, Response.message(FIRST_USER_EXISTS));
    }

    /** U2 {@code POST /users/first}: the first user becomes owner of the deployment and of the default organization. */
    public void createFirstUser(ServerRequest req, ServerResponse res) {
        CreateFirstUserRequest body = JsonBody.read(req, CreateFirstUserRequest.class);
        Validation v = new Validation()
                .required("email", body.email())
                .required("username", body.username())
                .required("password", body.password())
                .check("email", body.email(), UserValidation::validEmail, "email")
                .check("username", body.username(), UserValidation::validUsername, "username");
        v.throwIfInvalid();
        Optional<String> weak = POLICY.validate(body.password());
        byte[] hash = weak.isPresent() ? new byte[0] : hasher.hash(body.password()).getBytes(StandardCharsets.UTF_8);
        CreateFirstUserResponse created = jdbi.inTransaction(handle -> {
            UserDao dao = handle.attach(UserDao.class);
            dao.lockFirstUserCreation();
            if (dao.countUsers() > 0) {
                throw ApiError.of(409, FIRST_USER_CONFLICT);
            }
            if (weak.isPresent()) {
                throw ApiError.validation("Password is invalid", List.of(new ValidationError("password", weak.get())));
            }
            var now = clock.instant();
            UUID orgId = dao.getDefaultOrganizationId().orElseGet(() -> {
                UUID id = UUID.randomUUID();
                dao.insertOrganization(id, DEFAULT_ORGANIZATION, "Default", true, now);
                return id;
            });
            UUID userId = UUID.randomUUID();
            dao.insertUser(userId, body.email(), body.username(), body.name() == null ? "" : body.name(), hash, now,
                    UserRow.ACTIVE, new String[] {Roles.OWNER}, "password");
            dao.insertOrganizationMember(userId, orgId, new String[0], now);
            UserRow first = dao.getUserById(userId).orElseThrow();
            auditor.write(handle, auditor.begin(req, "user", "create").actor(userId).organization(orgId)
                    .resource(userId, first.username()).diff(Diffs.user(null, first)), 201);
            return new CreateFirstUserResponse(userId, orgId);
        });
        Http.json(res, 201, created);
    }

    /** U9 {@code POST /users/validate-password}: checks a password against the policy, for forms. */
    public void validatePassword(ServerRequest req, ServerResponse res) {
        ValidatePasswordRequest body = JsonBody.read(req, ValidatePasswordRequest.class);
        new Validation().required("password", body.password()).throwIfInvalid();
        Optional<String> weak = POLICY.validate(body.password());
        Http.json(res, 200, new ValidatePasswordResponse(weak.isEmpty(), weak.orElse("")));
    }

    /** U3 {@code GET /users/authmethods}. */
    public void authMethods(ServerRequest req, ServerResponse res) {
        Http.json(res, 200, new AuthMethods("", new AuthMethods.Password(!disablePasswordAuth),
                new AuthMethods.Github(false, false), new AuthMethods.Oidc(false, "", "")));
    }

    /** U4 {@code POST /users/login}: checks in the reference's order, one answer for unknown email and wrong password. */
    public void login(ServerRequest req, ServerResponse res) {
        LoginWithPasswordRequest body = JsonBody.read(req, LoginWithPasswordRequest.class);
        new Validation().required("email", body.email()).required("password", body.password())
                .check("email", body.email(), UserValidation::validEmail, "email")
                .throwIfInvalid();
        String token = signIn(req, res, body.email(), body.password());
        Http.json(res, 201, new LoginWithPasswordResponse(token));
    }

    /**
     * Password sign-in shared by the API and the HTML login form: checks credentials in the
     * reference's order (lookup, password, disabled password auth, login type, dormant → active,
     * status), mints a sliding session, sets the session cookies and returns the token.
     */
    public String signIn(ServerRequest req, ServerResponse res, String email, String password) {
        // Audited as "login" on success and failure alike, with the attempted user (nil when unknown).
        AuditEntry audit = auditor.begin(req, "api_key", "login");
        return auditor.attempt(audit, () -> signIn(req, res, email, password, audit));
    }

    private String signIn(ServerRequest req, ServerResponse res, String email, String password, AuditEntry audit) {
        Optional<UserRow> found = jdbi.withExtension(UserDao.class, dao -> dao.getUserByEmail(email));
        if (found.isEmpty()) {
            hasher.spendHashingTime(password); // same cost as a wrong password: no user enumeration by timing
            throw ApiError.of(401, BAD_CREDENTIALS);
        }
        UserRow user = found.get();
        audit.actor(user.id()).resource(user.id(), "");
        if (!hasher.verify(password, user.hashedPassword())) {
            throw ApiError.of(401, BAD_CREDENTIALS);
        }
        if (disablePasswordAuth) {
            throw ApiError.of(403, PASSWORD_AUTH_DISABLED);
        }
        if (!"password".equals(user.loginType())) {
            throw ApiError.of(403, "Incorrect login type, attempting to use \"password\" but user is of login type \""
                    + user.loginType() + "\"");
        }
        String status = user.status();
        if (UserRow.DORMANT.equals(status)) {
            jdbi.useTransaction(h -> {
                if (h.attach(UserDao.class).activateDormantUser(user.id(), clock.instant()) > 0) {
                    auditor.write(h, Auditor.system(RequestInfo.of(req).requestId(), RequestInfo.of(req).clientIp(),
                            "user", "write").resource(user.id(), user.username())
                            .diff(Diffs.status(UserRow.DORMANT, UserRow.ACTIVE)), 200);
                }
            });
            status = UserRow.ACTIVE;
        }
        if (!UserRow.ACTIVE.equals(status)) {
            throw ApiError.of(401, "Your account is " + status + ". Contact an admin to reactivate your account.");
        }
        String ip = RequestInfo.of(req).clientIp().getHostAddress();
        ApiKeyMinter.Minted minted = jdbi.inTransaction(handle -> {
            ApiKeyMinter.Minted m = minter.mint(handle.attach(ApiKeyDao.class),
                    new ApiKeyMinter.Request(user.id(), "password", TokenKind.SESSION, sessionDuration, true, "",
                            ApiKeyMinter.ALL_SCOPES, ApiKeyMinter.ALLOW_ALL, ip));
            auditor.write(handle, audit.diff(Diffs.apiKey(null, m.row())).additionalFields(Diffs.apiKeyFields(m.row())),
                    201);
            return m;
        });
        cookies.setSession(res, minted.token(), csrf.forKeyId(minted.row().id()));
        return minted.token();
    }

    /** U5 {@code POST /users/logout}: deletes the key used for this request and the user's app-connect keys. */
    public void logout(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        jdbi.useTransaction(handle -> {
            ApiKeyDao dao = handle.attach(ApiKeyDao.class);
            dao.deleteApiKey(auth.key().id());
            dao.deleteApplicationConnectKeysOfUser(auth.user().id());
            auditor.write(handle, auditor.begin(req, "api_key", "logout")
                    .resource(auth.user().id(), auth.key().tokenName()).diff(Diffs.apiKey(auth.key(), null))
                    .additionalFields(Diffs.apiKeyFields(auth.key())), 200);
        });
        cookies.clearSession(res);
        Http.json(res, 200, Response.message("Logged out!"));
    }
}
