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
import dev.tokend.server.http.middleware.UserParam;
import dev.tokend.server.api.AuthApi;
import dev.tokend.server.api.UsersApi;
import dev.tokend.server.web.WebUi;
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
            io.helidon.webserver.http.Handler readiness) {}

    public static RouteTable build(Middlewares mw, Apis api) {
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
        });

        // The API: every route behind the API rate limiter, keyed by the pre-checked user or the IP.
        t.group(List.of(mw.apiRateLimit()), apiRoutes -> {
            // Public: no API key.
            apiRoutes.get("/api/v2/buildinfo", api.meta()::buildInfo);
            apiRoutes.get("/api/v2/users/first", api.auth()::hasFirstUser);
            apiRoutes.post("/api/v2/users/first", api.auth()::createFirstUser); // CSRF-exempt (spec §3.5)
            apiRoutes.get("/api/v2/users/authmethods", api.auth()::authMethods);
            apiRoutes.get("/api/v2/auth/scopes", api.authCheck()::scopes);
            // Generated from this very table and ApiDocs (one RouteDoc per route), at the first request.
            apiRoutes.get("/api/v2/openapi.json", new OpenApiApi(() -> endpoints(t), ApiDocs.all())::serve);

            apiRoutes.group(List.of(mw.csrf()), csrf -> {
                // Password work: the stricter login limit and a cap on concurrent hashing.
                csrf.post("/api/v2/users/login", api.auth()::login, mw.loginRateLimit(), mw.loginConcurrency());

                // Authenticated API.
                csrf.group(List.of(mw.apiKeyRequired()), authed -> {
                    authed.post("/api/v2/users/logout", api.auth()::logout);
                    authed.get("/api/v2/users", api.users()::list);
                    authed.post("/api/v2/users", api.users()::create);
                    authed.get("/api/v2/audit", api.audit()::list);
                    authed.post("/api/v2/authcheck", api.authCheck()::check);
                    authed.post("/api/v2/users/validate-password", api.auth()::validatePassword, mw.loginRateLimit());

                    // Routes acting on {user}.
                    authed.group(List.of(mw.userParam()), user -> {
                        user.get("/api/v2/users/{user}", api.users()::get);
                        user.delete("/api/v2/users/{user}", api.users()::delete);
                        user.put("/api/v2/users/{user}/password", api.users()::updatePassword, mw.loginRateLimit(),
                                mw.loginConcurrency());
                        user.put("/api/v2/users/{user}/status/suspend", api.users()::suspend);
                        user.put("/api/v2/users/{user}/status/activate", api.users()::activate);
                        user.put("/api/v2/users/{user}/roles", api.users()::updateRoles);
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
        return t;
    }

    private static List<OpenApiDocument.Endpoint> endpoints(RouteTable t) {
        return t.routes().stream().map(r -> new OpenApiDocument.Endpoint(r.method().text(), r.pattern())).toList();
    }
}
