package dev.tokend.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Progressive enhancement: with JavaScript off, the core token actions still work, an OAuth2 app is
 * created (its secret readable) and deleted, and the audit log pages.
 */
class NoScriptBrowserTest extends BrowserTestBase {
    static TestServer.Account first;

    @org.junit.jupiter.api.BeforeAll
    static void firstUser() {
        first = server.createFirstUser();
    }

    @Test
    void tokensCanBeCreatedWithACustomLifetimeAndDeletedWithoutJavaScript() {
        TestServer.Account owner = first;
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base())
                .setJavaScriptEnabled(false))) {
            context.addCookies(List.of(new Cookie("coder_session_token", owner.token()).setUrl(base())));
            Page page = context.newPage();
            page.navigate("/tokens/new");
            page.getByLabel("Expires after").selectOption("custom");
            // Without the script the custom field is simply always there.
            page.getByLabel("Custom lifetime in days").fill("3");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
            String token = page.locator("#token-value").inputValue();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy token")).isVisible())
                    .isFalse(); // nothing that needs the script is offered
            var key = server.client(token).token("me", page.locator("strong").first().textContent());
            assertThat(Duration.between(key.createdAt(), key.expiresAt())).isEqualTo(Duration.ofDays(3));
            screenshot(page, "40-noscript-created");
            page.navigate("/tokens");
            String name = key.tokenName();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Delete token " + name)).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete token")).click();
            assertThat(page.url()).endsWith("/tokens?done=token-deleted");
            assertThat(owner.client().tokens("me", false, true)).isEmpty();
        }
    }

    @Test
    void anOAuth2AppIsCreatedWithItsSecretShownAndDeletedWithoutJavaScript() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base())
                .setJavaScriptEnabled(false))) {
            context.addCookies(List.of(new Cookie("coder_session_token", first.token()).setUrl(base())));
            Page page = context.newPage();
            page.navigate("/oauth2-apps/new");
            page.getByLabel("Name").fill("noscript-app");
            page.getByLabel("Redirect URIs").fill("https://noscript.example.com/cb");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create app")).click();
            String secret = page.locator("#secret").textContent();
            assertThat(secret).startsWith("tkdc_");
            assertThat(page.locator("#secret-value").inputValue()).isEqualTo(secret);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy secret")).isVisible())
                    .isFalse(); // nothing that needs the script is offered
            screenshot(page, "41-noscript-oauth2-app-created");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Done")).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Delete app")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete app")).click();
            assertThat(page.url()).endsWith("/oauth2-apps?done=app-deleted");
            assertThat(server.http().get("/api/v2/oauth2-provider/apps").sessionToken(first.token()).send().body())
                    .doesNotContain("noscript-app");
        }
    }

    @Test
    void auditLogPagesThroughOlderEntries() {
        TestServer.Account owner = server.createUser(first, "owner");
        for (int i = 0; i < 26; i++) {
            owner.client().createToken("me", CreateTokenRequest.of("paged-" + i, null, List.of(), null));
        }
        try (BrowserContext context = signedIn(owner)) {
            Page page = context.newPage();
            page.navigate("/audit?q=" + java.net.URLEncoder.encode("resource_type:api_key action:create username:"
                    + owner.username(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(page.locator("tbody tr").count()).isEqualTo(25);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older")).click();
            assertThat(page.url()).contains("page=2");
            assertThat(page.locator("tbody tr").count()).isEqualTo(1);
            assertThat(page.getByLabel("Filter the audit log").inputValue()).contains("username:" + owner.username());
        }
    }
}
