package dev.tokend.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OAuth2 apps pages in a real browser: an owner creates an app (its secret shown once, copied,
 * and accepted by the token endpoint), adds and deletes a secret, renames it, and deletes the app, each
 * deletion behind a confirmation naming it; a member is offered none of it and is refused it.
 */
class OAuth2AppsBrowserTest extends BrowserTestBase {
    static TestServer.Account owner;

    @BeforeAll
    static void arrange() {
        owner = server.createFirstUser();
    }

    static void button(Page page, String name) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true)).click();
    }

    static void link(Page page, String name) {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true)).click();
    }

    static int clientCredentials(OAuth2Apps.App app) {
        RawHttp.Response r = OAuth2Apps.token(server, app, Map.of("grant_type", "client_credentials", "scope",
                "user:read"));
        return r.status();
    }

    @Test
    void ownerCreatesAnAppSeesItsSecretOnceRotatesASecretEditsAndDeletesTheApp() {
        try (BrowserContext context = signedIn(owner)) {
            Page page = context.newPage();
            page.navigate("/tokens");
            link(page, "OAuth2 apps");
            page.waitForURL("**/oauth2-apps");
            assertThat(page.getByText("No OAuth2 apps").isVisible()).isTrue();
            link(page, "Add app");

            // A refusal of the API (a fragment in the redirect URI) is shown in place, the form kept.
            page.getByLabel("Name").fill("Deploy bot");
            page.getByLabel("Redirect URIs").fill("https://deploy.example.com/cb#frag");
            button(page, "Create app");
            assertThat(page.locator(".error-text").first().textContent()).contains("fragment");
            assertThat(page.getByLabel("Name").inputValue()).isEqualTo("Deploy bot");
            screenshot(page, "60-oauth2-app-form-error");

            page.getByLabel("Redirect URIs").fill("https://deploy.example.com/cb");
            page.getByLabel("Client type").selectOption("confidential");
            page.getByLabel("Client credentials", new Page.GetByLabelOptions().setExact(false)).check();
            page.getByLabel("Scopes (optional)").fill("user:read");
            screenshot(page, "61-oauth2-app-form");
            Response created = page.waitForNavigation(() -> button(page, "Create app"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.headers().get("cache-control")).isEqualTo("no-store");
            assertThat(page.getByText("It will not be shown again").isVisible()).isTrue();
            String clientId = page.locator("#client-id-value").inputValue();
            String secret = page.locator("#secret-value").inputValue();
            assertThat(secret).startsWith("tkdc_");
            assertThat(page.url()).doesNotContain(secret);
            button(page, "Copy secret");
            page.getByText("Copied to the clipboard.").waitFor();
            assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(secret);
            screenshot(page, "62-oauth2-app-created");
            OAuth2Apps.App app = new OAuth2Apps.App(clientId, secret);
            assertThat(clientCredentials(app)).isEqualTo(200);

            // The app's page: its endpoints and the secret's public part only.
            link(page, "Done");
            assertThat(page.locator("h1").textContent()).isEqualTo("Deploy bot");
            assertThat(page.locator("main").textContent()).contains(clientId).contains(base() + "/oauth2/tokens")
                    .doesNotContain(secret);
            assertThat(page.locator("tbody tr").count()).isEqualTo(1);

            // Another secret, shown once; then the first one is deleted behind a confirmation.
            Response second = page.waitForNavigation(() -> button(page, "Create client secret"));
            assertThat(second.status()).isEqualTo(201);
            String secret2 = page.locator("#secret-value").inputValue();
            assertThat(secret2).startsWith("tkdc_").isNotEqualTo(secret);
            link(page, "Done");
            assertThat(page.locator("tbody tr").count()).isEqualTo(2);
            screenshot(page, "63-oauth2-app");
            String firstDisplay = secret.substring(0, secret.indexOf('_', 5)) + "_…";
            link(page, "Delete secret " + firstDisplay);
            assertThat(page.locator("#confirm-text strong").textContent()).isEqualTo(firstDisplay);
            screenshot(page, "64-oauth2-secret-delete-confirm");
            button(page, "Delete secret");
            page.waitForURL("**/oauth2-apps/" + clientId + "?done=secret-deleted");
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("Client secret deleted.");
            assertThat(page.locator("tbody tr").count()).isEqualTo(1);
            assertThat(clientCredentials(app)).isEqualTo(401);
            assertThat(clientCredentials(new OAuth2Apps.App(clientId, secret2))).isEqualTo(200);

            // Edit the app: the form is filled in; the new name is on the app's page after saving.
            link(page, "Edit app");
            assertThat(page.getByLabel("Name").inputValue()).isEqualTo("Deploy bot");
            assertThat(page.getByLabel("Redirect URIs").inputValue()).isEqualTo("https://deploy.example.com/cb");
            page.getByLabel("Name").fill("Deploy bot v2");
            screenshot(page, "65-oauth2-app-edit");
            button(page, "Save changes");
            page.waitForURL("**/oauth2-apps/" + clientId + "?done=app-updated");
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("OAuth2 app updated.");
            assertThat(page.locator("h1").textContent()).isEqualTo("Deploy bot v2");
            screenshot(page, "66-oauth2-app-edited");
            assertThat(clientCredentials(new OAuth2Apps.App(clientId, secret2))).isEqualTo(200);

            // Delete the app, behind a confirmation naming it.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Delete app")).click();
            assertThat(page.getByRole(AriaRole.ALERTDIALOG).textContent())
                    .contains("permanently delete the OAuth2 app Deploy bot v2");
            screenshot(page, "67-oauth2-app-delete-confirm");
            button(page, "Delete app");
            page.waitForURL("**/oauth2-apps?done=app-deleted");
            assertThat(page.getByText("No OAuth2 apps").isVisible()).isTrue();
            assertThat(clientCredentials(new OAuth2Apps.App(clientId, secret2))).isEqualTo(401);
        }
    }

    @Test
    void memberIsNotOfferedTheAppsPagesAndIsRefusedThemAsByTheApi() {
        TestServer.Account member = server.createUser(owner);
        try (BrowserContext context = signedIn(member)) {
            Page page = context.newPage();
            page.navigate("/tokens");
            Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
            assertThat(nav.textContent()).contains("Authorized apps").doesNotContain("OAuth2 apps");
            Response refused = page.navigate("/oauth2-apps");
            int api = server.http().get("/api/v2/oauth2-provider/apps").sessionToken(member.token()).send().status();
            assertThat(refused.status()).isEqualTo(api).isIn(403, 404);
            assertThat(page.getByRole(AriaRole.ALERT).textContent()).isNotBlank();
            screenshot(page, "68-oauth2-apps-member-refused");
        }
    }
}
