package dev.tokend.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.testkit.TestServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 13 flows 2 and 3, and the Users page: who sees whose tokens, and what a member may not open. */
class VisibilityBrowserTest extends BrowserTestBase {
    static TestServer.Account owner;
    static TestServer.Account member;

    @BeforeAll
    static void users() {
        owner = server.createFirstUser();
        member = server.createUser(owner);
        owner.client().createToken("me", CreateTokenRequest.of("owners-token", null, List.of(), null));
        member.client().createToken("me", CreateTokenRequest.of("members-token", null, List.of(), null));
    }

    @Test
    void memberSeesOnlyOwnTokensAndNoAdminPages() {
        try (BrowserContext context = signedIn(member)) {
            Page page = context.newPage();
            Response list = page.navigate("/tokens?all=true");
            assertThat(list.status()).as(page.content()).isEqualTo(200);
            assertThat(page.locator("table").textContent()).contains("members-token").doesNotContain("owners-token");
            assertThat(page.getByLabel("All users").count()).isZero();
            assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")).textContent())
                    .doesNotContain("Users").doesNotContain("Audit log");
            screenshot(page, "20-member-tokens");
            Response audit = page.navigate("/audit");
            assertThat(audit.status()).isEqualTo(403);
            // Another user's token is the same 404 as a missing one.
            String ownersId = owner.client().token("me", "owners-token").id();
            assertThat(page.navigate("/tokens/" + ownersId + "/delete").status()).isEqualTo(404);
            assertThat(page.navigate("/users/" + owner.id()).status()).isEqualTo(404);
        }
    }

    @Test
    void ownerSeesEveryonesTokensWithTheOwnerColumn() {
        try (BrowserContext context = signedIn(owner)) {
            Page page = context.newPage();
            page.navigate("/tokens");
            assertThat(page.locator("table").textContent()).contains("owners-token").doesNotContain("members-token");
            page.getByLabel("All users").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply filters")).click();
            page.waitForURL("**/tokens?**all=true");
            assertThat(page.locator("thead").textContent()).contains("Owner");
            assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("members-token"))
                    .locator("td[data-label=Owner]").textContent()).isEqualTo(member.username());
            screenshot(page, "21-owner-all-tokens");
        }
    }

    @Test
    void ownerManagesUsersThroughThePages() {
        try (BrowserContext context = signedIn(owner)) {
            Page page = context.newPage();
            page.navigate("/users");
            page.getByText("Create a user").click();
            page.getByLabel("Email").fill("new-person@example.com");
            page.getByLabel("Username").fill("new-person");
            page.getByLabel("Password").fill(TestServer.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
            page.waitForURL("**/users?done=user-created");
            page.getByLabel("Search users").fill("new-person");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            assertThat(page.locator("tbody tr").count()).isEqualTo(1);
            screenshot(page, "22-users");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("new-person")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suspend new-person")).click();
            page.waitForURL("**done=user-updated");
            assertThat(page.locator("dl").textContent()).contains("suspended");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Activate new-person")).click();
            page.getByLabel("Auditor").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save roles")).click();
            page.waitForURL("**done=user-updated");
            assertThat(owner.client().user("new-person").roles()).anySatisfy(r -> assertThat(r.name()).isEqualTo("auditor"));
            page.getByLabel("New password").fill("AnotherSecurePassword!9");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reset password")).click();
            page.waitForURL("**done=user-updated");
            screenshot(page, "23-user-detail");
            assertThat(server.client().login(new dev.tokend.sdk.model.LoginWithPasswordRequest(
                    "new-person@example.com", "AnotherSecurePassword!9")).sessionToken()).isNotBlank();
        }
    }

    @Test
    void accountPageMarksThisSessionAndSignsOutTheOthers() {
        TestServer.Account someone = server.createUser(owner); // not member: this signs out its other sessions
        TestServer.Account other = server.freshSession(someone);
        TestServer.Account browserSession = server.freshSession(someone);
        try (BrowserContext context = signedIn(browserSession)) {
            Page page = context.newPage();
            page.navigate("/account");
            assertThat(page.locator("tbody tr", new Page.LocatorOptions().setHasText("this session")).count())
                    .isEqualTo(1);
            screenshot(page, "24-account");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out all other sessions")).click();
            page.waitForURL("**done=sessions-revoked");
            assertThat(page.locator("tbody tr").count()).isEqualTo(1);
            assertThat(server.http().get("/api/v2/users/me").bearer(other.token()).send().status()).isEqualTo(401);
            assertThat(server.http().get("/api/v2/users/me").bearer(browserSession.token()).send().status())
                    .isEqualTo(200);
        }
    }
}
