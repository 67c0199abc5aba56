package dev.tokend.server.web;

import dev.tokend.server.api.AuthApi;
import dev.tokend.server.auth.CsrfTokens;
import dev.tokend.server.http.middleware.Cookies;
import dev.tokend.server.store.Stores;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * The web UI's page handlers, built once by the composition root. Pages hold the same store
 * objects as the API handlers (never a DAO), so the UI cannot do what the API would refuse.
 */
public record WebUi(LoginPages login, TokenPages tokens, UserPages users, AuditPages audit, AccountPages account,
        OAuth2Pages oauth2, OAuth2AppPages oauth2Apps, AuthorizedAppPages authorizedApps, StaticFiles statics,
        SwaggerPage swagger) {

    public static WebUi create(Stores stores, AuthApi auth, Cookies cookies, CsrfTokens csrf, SecureRandom rng,
            InstantSource clock, Duration cliKeyLifetime, boolean disablePasswordAuth, Supplier<URI> accessUrl) {
        PageSupport pages = new PageSupport(new View(rng), csrf, stores.authz(), clock);
        return new WebUi(
                new LoginPages(pages, cookies, rng, auth, stores.keys(), stores.users(), cliKeyLifetime),
                new TokenPages(pages, stores.keys(), stores.users()),
                new UserPages(pages, stores.users(), disablePasswordAuth),
                new AuditPages(pages, stores.audit()),
                new AccountPages(pages, stores.keys(), stores.users(), cookies),
                new OAuth2Pages(pages, stores.oauth2Clients(), stores.oauth2Grants()),
                new OAuth2AppPages(pages, stores.oauth2Clients(), accessUrl),
                new AuthorizedAppPages(pages, stores.oauth2Grants()),
                new StaticFiles(),
                new SwaggerPage(new View(rng)));
    }
}
