package dev.tokend.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13 flow 5 in a real browser: the OAuth2 consent page approves (the browser lands on the
 * app's redirect URI, on a loopback server of the test's own, with a code and the state; the code
 * and the PKCE verifier buy an access token that works against the API) and denies
 * ({@code access_denied} with the state); then the user revokes the app on the authorized-apps
 * page, and approves a device on the device-code page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OAuth2ConsentBrowserTest extends BrowserTestBase {
    static OAuth2Fixtures.Callback callback;
    static TestServer.Account owner;
    static TestServer.Account alice;
    static OAuth2Apps.App app;
    /** The access token approved in the first test, revoked in the third. */
    static String access;

    @BeforeAll
    static void arrange() {
        callback = new OAuth2Fixtures.Callback();
        owner = server.createFirstUser();
        alice = server.createUser(owner);
        app = OAuth2Fixtures.createApp(server, owner, "Grafana", callback.redirectUri(), "confidential",
                List.of("authorization_code", "refresh_token"));
    }

    @AfterAll
    static void closeCallback() {
        if (callback != null) {
            callback.close();
        }
    }

    static void button(Page page, String name) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true)).click();
    }

    /** Opens the consent page for {@code state} and checks what it shows and the headers it carries. */
    static Page consent(BrowserContext context, String state) {
        Page page = context.newPage();
        Response r = page.navigate("/oauth2/authorize?" + OAuth2Fixtures.authorizeQuery(app, callback.redirectUri(),
                state, "user:read"));
        assertThat(r.status()).isEqualTo(200);
        Map<String, String> h = r.headers();
        assertThat(h.get("content-security-policy")).contains("frame-ancestors 'none'")
                .contains("form-action 'self' " + callback.origin() + ";").doesNotContain("unsafe-inline");
        assertThat(h.get("x-frame-options")).isEqualTo("DENY");
        assertThat(h.get("cache-control")).isEqualTo("no-store");
        assertThat(page.locator("h1").textContent()).isEqualTo("Authorize Grafana");
        assertThat(page.locator("#scope-list").textContent()).contains("user:read");
        assertThat(page.getByText("full access").count()).isZero();
        assertThat(page.locator("main").textContent()).contains(alice.username()).contains(callback.redirectUri());
        return page;
    }

    @Test
    @Order(1)
    void approvingRedirectsTheBrowserWithACodeThatBuysAWorkingAccessToken() {
        try (BrowserContext context = signedIn(alice)) {
            Page page = consent(context, "state-approve-1");
            screenshot(page, "50-oauth2-consent");
            page.waitForNavigation(() -> button(page, "Allow"));
            // The browser itself is at the app now, and the app's server saw the same request.
            URI seen = callback.next();
            assertThat(page.url()).startsWith(callback.redirectUri() + "?");
            assertThat(page.locator("h1").textContent()).isEqualTo("The app got the answer");
            Map<String, String> answer = OAuth2Apps.query(page.url());
            assertThat(OAuth2Apps.query(seen.toString())).isEqualTo(answer);
            assertThat(answer).containsEntry("state", "state-approve-1").doesNotContainKey("error");
            assertThat(answer.get("code")).startsWith("tkdo_");
            screenshot(page, "51-oauth2-redirected-with-code");

            RawHttp.Response tokens = OAuth2Apps.token(server, app, Map.of("grant_type", "authorization_code",
                    "code", answer.get("code"), "code_verifier", OAuth2Fixtures.VERIFIER, "redirect_uri",
                    callback.redirectUri()));
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            JsonNode json = tokens.json();
            assertThat(json.path("scope").asText()).isEqualTo("user:read");
            access = json.path("access_token").asText();
            RawHttp.Response me = server.http().get("/api/v2/users/me").bearer(access).send();
            assertThat(me.status()).as(me.body()).isEqualTo(200);
            assertThat(me.json().path("username").asText()).isEqualTo(alice.username());
        }
    }

    @Test
    @Order(2)
    void denyingRedirectsTheBrowserWithAccessDeniedAndTheState() {
        try (BrowserContext context = signedIn(alice)) {
            Page page = consent(context, "state-deny-2");
            page.waitForNavigation(() -> button(page, "Deny"));
            URI seen = callback.next();
            Map<String, String> answer = OAuth2Apps.query(page.url());
            assertThat(page.url()).startsWith(callback.redirectUri() + "?");
            assertThat(OAuth2Apps.query(seen.toString())).isEqualTo(answer);
            assertThat(answer).containsEntry("error", "access_denied").containsEntry("state", "state-deny-2")
                    .doesNotContainKey("code");
        }
    }

    @Test
    @Order(3)
    void anUnregisteredRedirectUriIsAnErrorPageAndTheBrowserStays() {
        try (BrowserContext context = signedIn(alice)) {
            Page page = context.newPage();
            Response r = page.navigate("/oauth2/authorize?" + OAuth2Fixtures.authorizeQuery(app,
                    callback.origin() + "/elsewhere", "s3", "user:read"));
            assertThat(r.status()).isEqualTo(400);
            assertThat(page.url()).startsWith(base());
            assertThat(page.getByRole(AriaRole.ALERT).textContent()).isNotBlank();
            assertThat(page.locator("main").textContent()).contains("You were not redirected back to it.");
            screenshot(page, "52-oauth2-bad-redirect");
        }
    }

    @Test
    @Order(4)
    void revokingTheAppOnTheAuthorizedAppsPageEndsItsToken() {
        assertThat(access).as("set by the approve test").isNotNull();
        try (BrowserContext context = signedIn(alice)) {
            Page page = context.newPage();
            page.navigate("/tokens");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Authorized apps")).click();
            page.waitForURL("**/authorized-apps");
            assertThat(page.locator("tbody tr").textContent()).contains("Grafana").contains("just now");
            screenshot(page, "53-authorized-apps");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Revoke access of Grafana")).click();
            assertThat(page.locator("#confirm-text strong").textContent()).isEqualTo("Grafana");
            screenshot(page, "54-authorized-apps-revoke-confirm");
            button(page, "Revoke access");
            page.waitForURL("**/authorized-apps?done=app-revoked");
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("Access revoked.");
            assertThat(page.getByText("No authorized apps").isVisible()).isTrue();
            assertThat(server.http().get("/api/v2/users/me").bearer(access).send().status()).isEqualTo(401);
        }
    }

    @Test
    @Order(5)
    void theDeviceCodePageApprovesTheDeviceThatShowsTheCode() {
        OAuth2Apps.App cli = OAuth2Fixtures.createApp(server, owner, "tokend-cli", callback.redirectUri(),
                "public", List.of(OAuth2Fixtures.DEVICE_GRANT));
        RawHttp.Response started = server.http().post("/oauth2/device")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(("client_id=" + cli.clientId() + "&scope=user%3Aread").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .send();
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String userCode = started.json().path("user_code").asText();
        String deviceCode = started.json().path("device_code").asText();
        try (BrowserContext context = signedIn(alice)) {
            Page page = context.newPage();
            Response r = page.navigate("/oauth2/device/verify");
            assertThat(r.headers().get("x-frame-options")).isEqualTo("DENY");
            // A wrong code is refused in place; the right one (typed as a person might) leads on.
            page.getByLabel("Code shown on your device").fill("BCDF-GHJK");
            page.waitForNavigation(() -> button(page, "Continue"));
            assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("unknown, expired or already used");
            page.getByLabel("Code shown on your device").fill(userCode.toLowerCase().replace("-", ""));
            screenshot(page, "55-oauth2-device-code");
            page.waitForNavigation(() -> button(page, "Continue"));
            assertThat(page.locator("main").textContent()).contains("tokend-cli").contains(userCode)
                    .contains("user:read");
            screenshot(page, "56-oauth2-device-approve");
            page.waitForNavigation(() -> button(page, "Approve"));
            assertThat(page.locator("h1").textContent()).isEqualTo("Device connected");
            screenshot(page, "57-oauth2-device-connected");
        }
        RawHttp.Response tokens = OAuth2Apps.token(server, cli, Map.of("grant_type", OAuth2Fixtures.DEVICE_GRANT,
                "device_code", deviceCode, "client_id", cli.clientId())); // a public client names itself
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String deviceAccess = tokens.json().path("access_token").asText();
        assertThat(server.http().get("/api/v2/users/me").bearer(deviceAccess).send().json().path("username").asText())
                .isEqualTo(alice.username());
    }
}
