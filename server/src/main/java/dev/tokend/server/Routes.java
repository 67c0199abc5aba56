package dev.tokend.server;

import dev.tokend.server.api.MetaApi;
import dev.tokend.server.api.OpenApiApi;
import dev.tokend.server.openapi.OpenApiDocument;

import dev.tokend.server.api.KeysApi;
import dev.tokend.server.api.TokensApi;
import dev.tokend.server.api.AuditApi;
import dev.tokend.server.api.AuthCheckApi;
import dev.tokend.server.http.Middleware;
import dev.tokend.server.http.RouteTable;
import dev.tokend.server.http.middleware.OAuth2Cors;
import dev.tokend.server.http.middleware.UserParam;
import dev.tokend.server.api.AuthApi;
import dev.tokend.server.api.UsersApi;
import dev.tokend.server.api.oauth2.DiscoveryApi;
import dev.tokend.server.api.oauth2.OAuth2AppsApi;
import dev.tokend.server.api.oauth2.OAuth2Endpoints;
import dev.tokend.server.api.oauth2.OAuth2Http;
import dev.tokend.server.api.oauth2.RegistrationApi;
import dev.tokend.server.web.OAuth2Pages;
import dev.tokend.server.web.WebUi;
import dev.tokend.server.web.IdpLoginPages;
import dev.tokend.server.web.GithubLoginPages;
import dev.tokend.server.api.IdpApi;
import java.util.List;

/**
 * The one route table: which middleware guards which path is read here, top to bottom.
 *
 * <p>Before any route, two root filters run (see {@code Server}): the request log (request id,
 * client IP, metrics) and the API-key pre-check. Groups: HTML pages; then the API, all behind the
 * API rate limiter: public routes (no key), the CSRF-checked routes, within them routes that require
 * an API key, and those that also resolve {@code {user}}. Password routes add the login rate limit
 * and the concurrency cap. {@code POST /users/first} is CSRF-exempt as in the reference; specific
 * paths are declared before parameterised ones because the first match wins.
 */
public final class Routes {
    private Routes() {}

    /** The middleware instances the table refers to. */
    public record Middlewares(Middleware csrf, Middleware apiKeyRequired, Middleware apiKeyOptional,
            Middleware apiKeyRedirect, UserParam userParam, Middleware apiRateLimit, Middleware loginRateLimit,
            Middleware loginConcurrency) {}

    /** The handler objects the table dispatches to. */
    public record Apis(MetaApi meta, AuthApi auth, UsersApi users, KeysApi keys, TokensApi tokens, AuditApi audit,
            AuthCheckApi authCheck, WebUi pages, io.helidon.webserver.http.Handler metricsOrNull,
            io.helidon.webserver.http.Handler readiness, IdpLoginPages idpPages, GithubLoginPages githubPages,
            IdpApi idp) {}

    /** The OAuth2 authorization server's handlers and its protocol rate limit (issue 11). */
    public record OAuth2(OAuth2Endpoints endpoints, DiscoveryApi discovery, RegistrationApi registration,
            OAuth2AppsApi apps, Middleware protocolRateLimit) {}

    public static RouteTable build(Middlewares mw, Apis api, OAuth2 oauth2) {
        RouteTable t = new RouteTable();
        t.get("/healthz", api.meta()::healthz);
        t.get("/readyz", api.readiness()); // 503 while the database is unreachable; /healthz never asks it
        if (api.metricsOrNull() != null) {
            t.get("/metrics", api.metricsOrNull()); // only with --prometheus-enable and no --prometheus-address
        }

        // HTML pages (web UI, issue 13). /login serves signed-in and anonymous browsers alike
        // (optional key); every other page sends anonymous browsers to /login and back (redirect
        // variant). Each form carries its own CSRF field, checked by the page; the sign-in and
        // first-user forms create the session, so they carry a login nonce instead.
        t.get("/static/{file}", api.pages().statics()::serve);
        t.get("/swagger", api.pages().swagger()::page); // Swagger UI over /api/v2/openapi.json (docs/openapi.md)
        t.get("/swagger/{file}", api.pages().swagger()::asset);
        t.get("/login", api.pages().login()::loginPage, mw.apiKeyOptional());
        t.post("/login", api.pages().login()::loginSubmit, mw.loginRateLimit(), mw.loginConcurrency());
        t.post("/login/setup", api.pages().login()::setupSubmit, mw.loginRateLimit(), mw.loginConcurrency());
        t.get("/cli-auth", api.pages().login()::cliAuthPage, mw.apiKeyRedirect());
        t.post("/cli-auth", api.pages().login()::cliAuthSubmit, mw.apiKeyRedirect());
        t.group(List.of(mw.apiKeyRedirect()), web -> {
            web.get("/", api.pages().login()::home);
            web.post("/logout", api.pages().login()::logout);
            web.get("/tokens", api.pages().tokens()::list);
            web.get("/tokens/new", api.pages().tokens()::newForm);
            web.post("/tokens/new", api.pages().tokens()::create);
            web.get("/tokens/{id}/edit", api.pages().tokens()::editForm);
            web.post("/tokens/{id}/edit", api.pages().tokens()::update);
            web.get("/tokens/{id}/expire", api.pages().tokens()::confirmExpire);
            web.post("/tokens/{id}/expire", api.pages().tokens()::expire);
            web.get("/tokens/{id}/delete", api.pages().tokens()::confirmDelete);
            web.post("/tokens/{id}/delete", api.pages().tokens()::delete);
            web.get("/users", api.pages().users()::list);
            web.post("/users", api.pages().users()::create);
            web.get("/users/{user}", api.pages().users()::detail);
            web.post("/users/{user}/suspend", api.pages().users()::suspend);
            web.post("/users/{user}/activate", api.pages().users()::activate);
            web.post("/users/{user}/roles", api.pages().users()::roles);
            web.post("/users/{user}/password", api.pages().users()::resetPassword, mw.loginRateLimit(),
                    mw.loginConcurrency());
            web.get("/audit", api.pages().audit()::list);
            web.get("/account", api.pages().account()::page);
            web.post("/account/sessions/revoke-others", api.pages().account()::revokeOthers);
            web.post("/account/sessions/{id}/revoke", api.pages().account()::revoke);
            web.post("/account/password", api.pages().account()::changePassword, mw.loginRateLimit(),
                    mw.loginConcurrency());
            // OAuth2 apps (owners) and the apps the caller has authorized; outside /oauth2/, the
            // protocol's prefix (docs/web-ui.md). "new" before {app}: the first match wins.
            web.get("/oauth2-apps", api.pages().oauth2Apps()::list);
            web.get("/oauth2-apps/new", api.pages().oauth2Apps()::newForm);
            web.post("/oauth2-apps/new", api.pages().oauth2Apps()::create);
            web.get("/oauth2-apps/{app}", api.pages().oauth2Apps()::detail);
            web.get("/oauth2-apps/{app}/edit", api.pages().oauth2Apps()::editForm);
            web.post("/oauth2-apps/{app}/edit", api.pages().oauth2Apps()::update);
            web.get("/oauth2-apps/{app}/delete", api.pages().oauth2Apps()::confirmDelete);
            web.post("/oauth2-apps/{app}/delete", api.pages().oauth2Apps()::delete);
            web.post("/oauth2-apps/{app}/secrets", api.pages().oauth2Apps()::createSecret);
            web.get("/oauth2-apps/{app}/secrets/{secret}/delete", api.pages().oauth2Apps()::confirmDeleteSecret);
            web.post("/oauth2-apps/{app}/secrets/{secret}/delete", api.pages().oauth2Apps()::deleteSecret);
            web.get("/authorized-apps", api.pages().authorizedApps()::list);
            web.get("/authorized-apps/{app}/revoke", api.pages().authorizedApps()::confirmRevoke);
            web.post("/authorized-apps/{app}/revoke", api.pages().authorizedApps()::revoke);
        });

        // The API: every route behind the API rate limiter, keyed by the pre-checked user or the IP.
        t.group(List.of(mw.apiRateLimit()), apiRoutes -> {
            // Public: no API key.
            apiRoutes.get("/api/v2/buildinfo", api.meta()::buildInfo);
            apiRoutes.get("/api/v2/users/first", api.auth()::hasFirstUser);
            apiRoutes.post("/api/v2/users/first", api.auth()::createFirstUser); // CSRF-exempt (spec §3.5)
            apiRoutes.get("/api/v2/users/authmethods", api.auth()::authMethods);
            // IdP sign-in: one route starts and finishes each flow (reference §A.3), under the login limit.
            apiRoutes.get("/api/v2/users/oidc/callback", api.idpPages()::oidcCallback, mw.loginRateLimit());
            apiRoutes.get("/api/v2/users/oauth2/github/callback", api.githubPages()::callback, mw.loginRateLimit());
            apiRoutes.get("/api/v2/users/oauth2/github/device", api.githubPages()::device, mw.loginRateLimit());
            apiRoutes.get("/api/v2/auth/scopes", api.authCheck()::scopes);
            // Generated from this very table and ApiDocs (one RouteDoc per route), at the first request.
            apiRoutes.get("/api/v2/openapi.json", new OpenApiApi(() -> endpoints(t), ApiDocs.all())::serve);

            apiRoutes.group(List.of(mw.csrf()), csrf -> {
                // Password work: the stricter login limit and a cap on concurrent hashing.
                csrf.post("/api/v2/users/login", api.auth()::login, mw.loginRateLimit(), mw.loginConcurrency());

                // Needs an API key once the first user exists; before, the first-user prompts of
                // `tokend login` check the password as it is typed, when no session can exist yet.
                csrf.post("/api/v2/users/validate-password", api.auth()::validatePassword, mw.loginRateLimit(),
                        untilFirstUser(api.auth(), mw.apiKeyOptional(), mw.apiKeyRequired()));

                // Authenticated API.
                csrf.group(List.of(mw.apiKeyRequired()), authed -> {
                    authed.post("/api/v2/users/logout", api.auth()::logout);
                    authed.get("/api/v2/users", api.users()::list);
                    authed.post("/api/v2/users", api.users()::create);
                    authed.get("/api/v2/audit", api.audit()::list);
                    authed.post("/api/v2/authcheck", api.authCheck()::check);
                    oauth2Admin(authed, oauth2);

                    // Routes acting on {user}.
                    authed.group(List.of(mw.userParam()), user -> {
                        user.get("/api/v2/users/{user}", api.users()::get);
                        user.delete("/api/v2/users/{user}", api.users()::delete);
                        user.put("/api/v2/users/{user}/password", api.users()::updatePassword, mw.loginRateLimit(),
                                mw.loginConcurrency());
                        user.put("/api/v2/users/{user}/status/suspend", api.users()::suspend);
                        user.put("/api/v2/users/{user}/status/activate", api.users()::activate);
                        user.put("/api/v2/users/{user}/roles", api.users()::updateRoles);
                        user.get("/api/v2/users/{user}/login-type", api.idp()::loginType);
                        user.post("/api/v2/users/{user}/convert-login", api.idp()::convertLogin);
                        user.post("/api/v2/users/{user}/keys", api.keys()::createSessionKey);
                        user.post("/api/v2/users/{user}/keys/tokens", api.tokens()::create);
                        user.get("/api/v2/users/{user}/keys/tokens", api.tokens()::list);
                        user.get("/api/v2/users/{user}/keys/tokens/tokenconfig", api.tokens()::tokenConfig);
                        user.get("/api/v2/users/{user}/keys/tokens/{keyname}", api.tokens()::getByName);
                        user.patch("/api/v2/users/{user}/keys/tokens/{keyname}", api.tokens()::update);
                        user.get("/api/v2/users/{user}/keys/{keyid}", api.tokens()::getById);
                        user.delete("/api/v2/users/{user}/keys/{keyid}", api.tokens()::delete);
                        user.put("/api/v2/users/{user}/keys/{keyid}/expire", api.tokens()::expire);
                    });
                });
            });
        });
        oauth2Protocol(t, mw, oauth2, api.pages().oauth2());
        return t;
    }

    /** {@code before} while the deployment has no user, {@code after} from the first user on (read per request). */
    private static Middleware untilFirstUser(AuthApi auth, Middleware before, Middleware after) {
        return next -> {
            io.helidon.webserver.http.Handler beforeHandler = before.wrap(next);
            io.helidon.webserver.http.Handler afterHandler = after.wrap(next);
            return (req, res) -> (auth.firstUserExists() ? afterHandler : beforeHandler).handle(req, res);
        };
    }

    /** OAuth2 admin API (owners) and the user's list of authorized apps, inside the authenticated API. */
    private static void oauth2Admin(RouteTable authed, OAuth2 o) {
        authed.get("/api/v2/oauth2-provider/apps", o.apps()::list);
        authed.post("/api/v2/oauth2-provider/apps", o.apps()::create);
        authed.get("/api/v2/oauth2-provider/apps/{app}", o.apps()::get);
        authed.put("/api/v2/oauth2-provider/apps/{app}", o.apps()::update);
        authed.delete("/api/v2/oauth2-provider/apps/{app}", o.apps()::delete);
        authed.get("/api/v2/oauth2-provider/apps/{app}/secrets", o.apps()::secrets);
        authed.post("/api/v2/oauth2-provider/apps/{app}/secrets", o.apps()::createSecret);
        authed.delete("/api/v2/oauth2-provider/apps/{app}/secrets/{secretID}", o.apps()::deleteSecret);
        authed.get("/api/v2/oauth2-provider/authorized-apps", o.endpoints()::authorizedApps);
    }

    /**
     * The OAuth2 protocol (reference §2.5, §8): metadata (public); the consent and device pages
     * (browser session, redirect to login, CSRF field); the machine endpoints, answered as OAuth2
     * errors, with registration, token and device authorization behind the protocol rate limit;
     * the user's revocation of an app (API key, CSRF-checked).
     */
    private static void oauth2Protocol(RouteTable t, Middlewares mw, OAuth2 o, OAuth2Pages pages) {
        t.get("/oauth2/authorize", pages::authorizePage, mw.apiKeyRedirect());
        t.post("/oauth2/authorize", pages::authorizeSubmit, mw.apiKeyRedirect());
        t.get("/oauth2/device/verify", pages::devicePage, mw.apiKeyRedirect());
        t.post("/oauth2/device/verify", pages::deviceSubmit, mw.apiKeyRedirect());
        t.delete("/oauth2/tokens", o.endpoints()::revokeApp, mw.csrf(), mw.apiKeyRequired());
        // Machine-facing: CORS for any origin without credentials (reference §8.6), preflight included.
        t.group(List.of(new OAuth2Cors()), cors -> {
            cors.get("/.well-known/oauth-authorization-server", o.discovery()::authorizationServer);
            cors.get("/.well-known/oauth-protected-resource", o.discovery()::protectedResource);
            cors.group(List.of(o.protocolRateLimit()), limited -> {
                limited.post("/oauth2/tokens", OAuth2Http.protocol(o.endpoints()::token));
                limited.post("/oauth2/device", OAuth2Http.protocol(o.endpoints()::deviceAuthorization));
                limited.post("/oauth2/register", OAuth2Http.protocol(o.registration()::register));
            });
            cors.post("/oauth2/revoke", OAuth2Http.protocol(o.endpoints()::revoke));
            cors.post("/oauth2/introspect", OAuth2Http.protocol(o.endpoints()::introspect));
            cors.get("/oauth2/clients/{client_id}", OAuth2Http.protocol(o.registration()::get));
            cors.put("/oauth2/clients/{client_id}", OAuth2Http.protocol(o.registration()::update));
            cors.delete("/oauth2/clients/{client_id}", OAuth2Http.protocol(o.registration()::delete));
            for (String path : List.of("/.well-known/oauth-authorization-server",
                    "/.well-known/oauth-protected-resource", "/oauth2/tokens", "/oauth2/device", "/oauth2/register",
                    "/oauth2/revoke", "/oauth2/introspect", "/oauth2/clients/{client_id}")) {
                cors.route(io.helidon.http.Method.OPTIONS, path, OAuth2Cors.preflight());
            }
        });
    }

    /** The routes the OpenAPI document describes (CORS preflights are protocol plumbing, not operations). */
    private static List<OpenApiDocument.Endpoint> endpoints(RouteTable t) {
        return t.routes().stream().filter(r -> !r.method().text().equals("OPTIONS"))
                .map(r -> new OpenApiDocument.Endpoint(r.method().text(), r.pattern())).toList();
    }
}
