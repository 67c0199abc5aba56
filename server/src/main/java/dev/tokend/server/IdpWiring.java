package dev.tokend.server;

import dev.tokend.server.api.IdpApi;
import dev.tokend.server.auth.CsrfTokens;
import dev.tokend.server.auth.LinkedSessionCheck;
import dev.tokend.server.http.middleware.Cookies;
import dev.tokend.server.idp.ConvertTokens;
import dev.tokend.server.idp.GithubClient;
import dev.tokend.server.idp.IdpMetrics;
import dev.tokend.server.idp.IdpRefresher;
import dev.tokend.server.idp.OidcClient;
import dev.tokend.server.idp.TokenCipher;
import dev.tokend.server.idp.TokenRefresher;
import dev.tokend.server.store.IdpLogins;
import dev.tokend.server.store.Stores;
import dev.tokend.server.web.GithubLoginPages;
import dev.tokend.server.web.IdpLoginPages;
import dev.tokend.server.web.LoginPages;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition of IdP sign-in (issue 12), kept out of {@link Server} so the composition root
 * changes by a few lines: the token cipher, OIDC discovery (start-up fails if the provider is
 * unreachable), the refresh check the validator runs, and the handlers.
 */
final class IdpWiring {
    private static final Logger LOG = LoggerFactory.getLogger(IdpWiring.class);

    final LinkedSessionCheck sessions;
    final IdpLoginPages pages;
    final GithubLoginPages github;
    final IdpApi api;

    private IdpWiring(LinkedSessionCheck sessions, IdpLoginPages pages, GithubLoginPages github, IdpApi api) {
        this.sessions = sessions;
        this.pages = pages;
        this.github = github;
        this.api = api;
    }

    static IdpWiring create(ServerOptions options, Jdbi jdbi, Stores stores, SecureRandom rng, InstantSource clock,
            MeterRegistry metrics, Cookies cookies, CsrfTokens csrf, Supplier<URI> accessUrl, byte[] siteSecret,
            java.util.UUID deploymentId) {
        IdpOptions idp = options.idp();
        TokenCipher cipher;
        try {
            cipher = TokenCipher.fromKeys(idp.tokenEncryptionKeys(), idp.tokenEncryptionKeyFile(), rng);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new Server.StartupException(e.getMessage());
        }
        boolean any = idp.oidc().enabled() || idp.github().enabled();
        if (any && !cipher.enabled()) {
            LOG.warn("IdP access and refresh tokens are stored unencrypted: set --idp-token-encryption-keys or "
                    + "--idp-token-encryption-key-file (docs/sso.md)");
        }
        if (idp.oidc().enabled() && idp.oidc().ignoreEmailVerified()) {
            LOG.warn("--oidc-ignore-email-verified: OIDC users with unverified email addresses can sign in");
        }
        OidcClient oidc = null;
        Map<String, TokenRefresher> refreshers = new HashMap<>();
        if (idp.oidc().enabled()) {
            try {
                oidc = OidcClient.discover(idp.oidc(), clock);
            } catch (IllegalStateException e) {
                throw new Server.StartupException(e.getMessage());
            }
            refreshers.put("oidc", oidc);
        }
        GithubClient github = null;
        if (idp.github().enabled()) {
            github = new GithubClient(idp.github(), clock);
            refreshers.put("github", github);
        }
        IdpMetrics idpMetrics = new IdpMetrics(metrics);
        IdpLogins logins = IdpLogins.create(jdbi, stores, cipher, clock, rng, options.sessionDuration());
        ConvertTokens converts = new ConvertTokens(siteSecret, deploymentId, clock);
        IdpLoginPages pages = new IdpLoginPages(oidc, logins, cookies, csrf, accessUrl, options.secureAuthCookie(),
                rng, idpMetrics, converts);
        // Quirk kept from the reference (§A.8): GitHub's signups-disabled page uses the OIDC text.
        GithubLoginPages githubPages = new GithubLoginPages(github, pages, idp.oidc().signupsDisabledText());
        return new IdpWiring(new IdpRefresher(jdbi, refreshers, cipher, metrics), pages, githubPages,
                new IdpApi(idp, options.disablePasswordAuth(), logins, converts,
                        options.secureAuthCookie()));
    }
}
