package dev.tokend.server.api;

import dev.tokend.sdk.model.AuthMethods;
import dev.tokend.server.IdpOptions;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.error.Validation;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.JsonBody;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.UserParam;
import dev.tokend.server.idp.ConvertTokens;
import dev.tokend.server.store.IdpLogins;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sign-in methods and login types (reference §D): {@code GET /users/authmethods},
 * {@code GET /users/{user}/login-type} and {@code POST /users/{user}/convert-login}.
 */
public final class IdpApi {
    private static final Set<String> NOT_CONVERTIBLE = Set.of("none", "password", "token");

    private final IdpOptions idp;
    private final boolean disablePasswordAuth;
    private final IdpLogins logins;
    private final ConvertTokens converts;
    private final boolean secureCookies;

    public IdpApi(IdpOptions idp, boolean disablePasswordAuth, IdpLogins logins, ConvertTokens converts,
            boolean secureCookies) {
        this.idp = Objects.requireNonNull(idp);
        this.disablePasswordAuth = disablePasswordAuth;
        this.logins = Objects.requireNonNull(logins);
        this.converts = Objects.requireNonNull(converts);
        this.secureCookies = secureCookies;
    }


    /** §D.2: only for oneself. */
    public void loginType(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiKeyMiddleware.required(req);
        UserRow user = UserParam.required(req);
        if (!user.id().equals(who.user().id())) {
            throw ApiError.of(403, "You are not authorized to view this user's login type.");
        }
        Http.json(res, 200, Map.of("login_type", user.loginType()));
    }

    /** Body of {@code POST /users/{user}/convert-login}. */
    public record ConvertLoginRequest(String to_type, String password) {}

    /** §D.3: password → OIDC/GitHub, authorized by the password and a signed five-minute cookie. */
    public void convertLogin(ServerRequest req, ServerResponse res) {
        UserRow user = UserParam.required(req);
        ConvertLoginRequest body = JsonBody.read(req, ConvertLoginRequest.class);
        new Validation().required("to_type", body.to_type()).required("password", body.password()).throwIfInvalid();
        String to = body.to_type();
        if (NOT_CONVERTIBLE.contains(to)) {
            throw ApiError.badRequest("Cannot convert to login type \"" + to + "\".", null);
        }
        if (!to.equals("oidc") && !to.equals("github")) {
            throw ApiError.badRequest("Unknown login type \"" + to + "\".", null);
        }
        ConvertTokens.Conversion c = logins.startConversion(ApiKeyMiddleware.actor(req), user, to, body.password());
        // §D.3: always SameSite=Lax (the IdP's redirect back is a top-level cross-site navigation).
        res.headers().add(HeaderValues.create(HeaderNames.SET_COOKIE, ConvertTokens.COOKIE + "=" + converts.issue(c)
                + "; Path=/; Max-Age=" + ConvertTokens.LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax"
                + (secureCookies ? "; Secure" : "")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state_string", c.state());
        out.put("expires_at", c.expiresAt());
        out.put("to_type", c.toLoginType());
        out.put("user_id", c.userId());
        Http.json(res, 201, out);
    }
}
