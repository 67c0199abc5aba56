package dev.tokend.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.testkit.TestServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13 flows 1, 4 and 6 in a real browser: the first user signs up on an empty deployment,
 * lands on Tokens, creates a token (copied and used against the API), edits, expires and deletes
 * it; signs out; and the audit page shows what was just done.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenFlowBrowserTest extends BrowserTestBase {
    static final String EMAIL = "first@example.com";
    static final String USERNAME = "first";

    static Page button(Page page, String name) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true)).click();
        return page;
    }

    @Test
    @Order(1)
    void firstUserSetsUpTheDeploymentAndManagesATokenEndToEnd() {
        try (BrowserContext context = context(false)) {
            Page page = context.newPage();
            page.navigate("/");
            // An empty deployment: / → /tokens → /login, which offers the first-user form.
            assertThat(page.url()).contains("/login");
            assertThat(page.locator("h1").textContent()).isEqualTo("Create the first user");
            screenshot(page, "01-first-user");
            page.getByLabel("Username").fill(USERNAME);
            page.getByLabel("Email").fill(EMAIL);
            page.getByLabel("Password").fill("short");
            button(page, "Create account");
            // Errors in place: the weak password is refused with the API's message, fields kept.
            assertThat(page.locator(".flash-error, .error-text").first().textContent()).isNotBlank();
            assertThat(page.getByLabel("Username").inputValue()).isEqualTo(USERNAME);
            page.getByLabel("Password").fill(TestServer.PASSWORD);
            button(page, "Create account");
            page.waitForURL("**/tokens");
            assertThat(page.locator("h1").textContent()).isEqualTo("Tokens");
            assertThat(page.getByText("No tokens found").isVisible()).isTrue();
            screenshot(page, "02-tokens-empty");

            // Create: name, 7 days, one composite scope, one allow-list entry.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add token")).click();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("ci-deploy");
            page.getByLabel("Expires after").selectOption("7");
            page.getByLabel("coder:apikeys.manage_self").check();
            page.getByText("Individual permissions").click(); // a <details>: opens without script
            page.getByLabel("user:read", new Page.GetByLabelOptions().setExact(true)).check();
            page.getByLabel("Allow list").fill("api_key:*\nuser:*");
            screenshot(page, "03-token-form");
            Response created = page.waitForNavigation(() -> button(page, "Create token"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.headers().get("cache-control")).isEqualTo("no-store");
            assertThat(page.getByText("It will not be shown again").isVisible()).isTrue();
            String token = page.locator("#token-value").inputValue();
            assertThat(token).startsWith("tkdt_");
            assertThat(page.url()).doesNotContain(token);
            // The copy button (script from the jar) puts the same text on the clipboard.
            button(page, "Copy token");
            page.getByText("Copied to the clipboard.").waitFor();
            assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(token);
            screenshot(page, "04-token-created");

            // The copied token works against the API, with the chosen scopes.
            ApiKey key = server.client(token).token("me", "ci-deploy");
            assertThat(key.scopes()).containsExactlyInAnyOrder("coder:apikeys.manage_self", "user:read");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Done")).click();
            Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("ci-deploy"));
            assertThat(row.textContent()).contains("coder:apikeys.manage_self").contains("api_key:*")
                    .contains("just now").contains("in 7 days");
            assertThat(row.locator("td[data-label=Expires] time").getAttribute("title")).endsWith("UTC");
            screenshot(page, "05-tokens-list");

            // Edit (the PATCH): narrow the scopes to user:read.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit token ci-deploy")).click();
            assertThat(page.getByLabel("coder:apikeys.manage_self").isChecked()).isTrue();
            page.getByLabel("coder:apikeys.manage_self").uncheck();
            screenshot(page, "06-token-edit");
            button(page, "Save changes");
            page.waitForURL("**/tokens?done=token-updated");
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("Token updated.");
            assertThat(server.client(token).me().username()).isEqualTo(USERNAME);
            assertThat(owner().client().token("me", "ci-deploy").scopes()).containsExactly("user:read");

            // Expire, behind a confirmation that names the token.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Expire token ci-deploy")).click();
            assertThat(page.locator("#confirm-text strong").textContent()).isEqualTo("ci-deploy");
            screenshot(page, "07-token-expire-confirm");
            button(page, "Expire token");
            page.waitForURL("**/tokens?done=token-expired");
            assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("ci-deploy")).count()).isZero();
            assertThat(server.http().get("/api/v2/users/me").bearer(token).send().status()).isEqualTo(401);
            page.getByLabel("Include expired").check();
            button(page, "Apply filters");
            Locator expired = page.locator("tbody tr", new Page.LocatorOptions().setHasText("ci-deploy"));
            assertThat(expired.textContent()).contains("expired");

            // Delete, behind a confirmation that names the token.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Delete token ci-deploy")).click();
            assertThat(page.getByRole(AriaRole.ALERTDIALOG).textContent())
                    .contains("permanently delete token ci-deploy");
            screenshot(page, "08-token-delete-confirm");
            button(page, "Delete token");
            page.waitForURL("**/tokens?done=token-deleted");
            assertThat(page.getByText("ci-deploy").count()).isZero();
        }
    }

    @Test
    @Order(2)
    void auditPageShowsTheActionsJustDone() {
        try (BrowserContext context = signedIn(owner())) {
            Page page = context.newPage();
            page.navigate("/audit?q=resource_type:api_key");
            String table = page.locator("table").textContent();
            assertThat(table).contains("create").contains("write").contains("delete").contains("ci-deploy");
            // Each entry's diff opens in place (no script needed: <details>).
            page.locator("details summary").first().click();
            assertThat(page.locator("ul.diff li").first().isVisible()).isTrue();
            screenshot(page, "09-audit");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("action:login")).click();
            assertThat(page.getByLabel("Filter the audit log").inputValue()).isEqualTo("action:login");
            assertThat(page.locator("tbody tr").count()).isGreaterThan(0);
        }
    }

    @Test
    @Order(3)
    void signInAndSignOutThroughThePages() {
        try (BrowserContext context = context(true)) {
            Page page = context.newPage();
            page.navigate("/tokens");
            assertThat(page.url()).contains("/login?message=");
            page.getByLabel("Email").fill(EMAIL);
            page.getByLabel("Password").fill("wrong password");
            button(page, "Sign in");
            assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("Incorrect email or password.");
            assertThat(page.getByLabel("Email").inputValue()).isEqualTo(EMAIL);
            screenshot(page, "10-sign-in-error-phone");
            page.getByLabel("Password").fill(TestServer.PASSWORD);
            button(page, "Sign in");
            page.waitForURL("**/tokens");
            screenshot(page, "11-tokens-phone");
            button(page, "Sign out");
            page.waitForURL("**/login");
            page.navigate("/tokens");
            assertThat(page.url()).contains("/login");
            assertThat(context.cookies().stream().filter(c -> c.name.equals("coder_session_token"))
                    .allMatch(c -> c.value.isEmpty())).isTrue();
        }
    }

    /** The first user, signed in afresh through the API. */
    static TestServer.Account owner() {
        String token = server.client().login(new dev.tokend.sdk.model.LoginWithPasswordRequest(EMAIL,
                TestServer.PASSWORD)).sessionToken();
        return new TestServer.Account(server.client(token).me().id(), EMAIL, USERNAME, token, server.client(token),
                null);
    }
}
