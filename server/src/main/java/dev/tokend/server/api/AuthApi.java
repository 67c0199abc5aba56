package dev.tokend.server.api;

import dev.tokend.sdk.model.AuthMethods;
import dev.tokend.sdk.model.CreateFirstUserRequest;
import dev.tokend.sdk.model.CreateFirstUserResponse;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.sdk.model.LoginWithPasswordResponse;
import dev.tokend.sdk.model.Response;
import dev.tokend.sdk.model.ValidatePasswordRequest;
import dev.tokend.sdk.model.ValidatePasswordResponse;
import dev.tokend.server.IdpOptions;
import dev.tokend.server.auth.CsrfTokens;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.error.Validation;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.Cookies;
import dev.tokend.server.store.ApiKeyMinter;
import dev.tokend.server.store.AuthorizedKeys;
import dev.tokend.server.store.AuthorizedUsers;
import dev.tokend.server.store.PasswordLogins;
import dev.tokend.server.user.PasswordPolicy;
import dev.tokend.server.user.UserValidation;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Objects;
import java.util.Optional;

/** First user, authentication methods, password login and logout (spec §2.1 U1–U5). */
public final class AuthApi {
    // NOTE: stable wire strings (reference §2.1).
    static final String FIRST_USER_EXISTS = "The initial user has already been created!";
    static final String FIRST_USER_MISSING = "The initial user has not been created!";

    private static final PasswordPolicy POLICY = new PasswordPolicy();

    private final AuthorizedUsers users;
    private final AuthorizedKeys keys;
    private final PasswordLogins logins;
    private final Cookies cookies;
    private final CsrfTokens csrf;
    private final boolean disablePasswordAuth;
    private final IdpOptions idp;

    public AuthApi(AuthorizedUsers users, AuthorizedKeys keys, PasswordLogins logins, Cookies cookies,
            CsrfTokens csrf, boolean disablePasswordAuth, IdpOptions idp) {
        this.users = Objects.requireNonNull(users);
        this.keys = Objects.requireNonNull(keys);
        this.logins = Objects.requireNonNull(logins);
        this.cookies = Objects.requireNonNull(cookies);
        this.csrf = Objects.requireNonNull(csrf);
        this.disablePasswordAuth = disablePasswordAuth;
        this.idp = Objects.requireNonNull(idp);
    }

    /** U1 {@code GET /users/first}. */
    public void hasFirstUser(ServerRequest req, ServerResponse res) {
        if (!users.anyUserExists()) {
            throw ApiError.of(404, FIRST_USER_MISSING);
        }
        Http.json(res, 200, Response.message(FIRST_USER_EXISTS));
    }

    /** Whether the deployment has its first user (then setup is over). */
    public boolean firstUserExists() {
        return users.anyUserExists();
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
        AuthorizedUsers.FirstUser first = users.createFirstUser(ApiKeyMiddleware.actor(req), body.email(),
                body.username(), body.name(), body.password());
        Http.json(res, 201, new CreateFirstUserResponse(first.userId(), first.organizationId()));
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
        Http.json(res, 200, methods());
    }

    /** The enabled sign-in methods: the one source for U3 and the sign-in page's buttons. */
    public AuthMethods methods() {
        boolean oidc = idp.oidc().enabled();
        return new AuthMethods("", new AuthMethods.Password(!disablePasswordAuth),
                new AuthMethods.Github(idp.github().enabled(), false),
                new AuthMethods.Oidc(oidc, oidc ? idp.oidc().signInText() : "", oidc ? idp.oidc().iconUrl() : ""));
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
     * Password sign-in shared by the API and the HTML login form: signs in through the store, sets
     * the session cookies and returns the token.
     */
    public String signIn(ServerRequest req, ServerResponse res, String email, String password) {
        ApiKeyMinter.Minted minted = logins.signIn(ApiKeyMiddleware.actor(req), email, password);
        cookies.setSession(res, minted.token(), csrf.forKeyId(minted.row().id()));
        return minted.token();
    }

    /** U5 {@code POST /users/logout}: deletes the key used for this request and the user's app-connect keys. */
    public void logout(ServerRequest req, ServerResponse res) {
        keys.logout(ApiKeyMiddleware.actor(req));
        cookies.clearSession(res);
        Http.json(res, 200, Response.message("Logged out!"));
    }
}
