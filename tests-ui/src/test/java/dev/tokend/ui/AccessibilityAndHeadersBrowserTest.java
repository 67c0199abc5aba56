package dev.tokend.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every page, checked in the browser: labels on every control, landmarks and one heading, named
 * buttons and links, a visible keyboard focus, WCAG AA contrast of the stylesheet's colour pairs
 * (computed from the rendered styles), and the security headers (CSP without inline script,
 * anti-framing, no-store).
 */
class AccessibilityAndHeadersBrowserTest extends BrowserTestBase {
    static TestServer.Account owner;
    static String tokenId;
    static OAuth2Apps.App app;
    static String secretId;
    static BrowserContext context;

    @BeforeAll
    static void arrange() {
        owner = server.createFirstUser();
        owner.client().createToken("me", CreateTokenRequest.of("a11y-token", null, List.of(), null));
        tokenId = owner.client().token("me", "a11y-token").id();
        app = OAuth2Fixtures.createApp(server, owner, "a11y-app", "http://127.0.0.1:9/callback", "confidential",
                List.of("authorization_code", "refresh_token"));
        secretId = server.http().get("/api/v2/oauth2-provider/apps/" + app.clientId() + "/secrets")
                .sessionToken(owner.token()).send().json().path(0).path("id").asText();
        context = signedIn(owner);
    }

    /** The URL of a page in the list below: placeholders filled in, the consent page with a valid request. */
    static String url(String path) {
        return switch (path) {
            case "/login-signed-out" -> "/login";
            case "/oauth2/authorize" -> "/oauth2/authorize?" + OAuth2Fixtures.authorizeQuery(app,
                    "http://127.0.0.1:9/callback", "s", "user:read");
            default -> path.replace("{id}", tokenId).replace("{app}", app.clientId()).replace("{secret}", secretId);
        };
    }

    @AfterAll
    static void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    /** Problems found on the page, as text (empty = fine). */
    static final String AUDIT = """
            () => {
              const problems = [];
              const name = el => (el.getAttribute('aria-label') || el.textContent || el.value || el.title || '').trim();
              for (const el of document.querySelectorAll('input, select, textarea')) {
                if (el.type === 'hidden') continue;
                if (el.labels.length === 0 && !el.getAttribute('aria-label')) problems.push('unlabelled ' + el.outerHTML);
              }
              for (const el of document.querySelectorAll('button, a[href]')) {
                if (!name(el)) problems.push('unnamed ' + el.outerHTML);
              }
              if (document.querySelectorAll('main').length !== 1) problems.push('main landmarks: ' + document.querySelectorAll('main').length);
              if (document.querySelectorAll('h1').length !== 1) problems.push('h1 count: ' + document.querySelectorAll('h1').length);
              if (!document.documentElement.lang) problems.push('no lang');
              const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
              const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
              if (dup.length) problems.push('duplicate ids ' + dup);
              for (const el of document.querySelectorAll('[aria-describedby]')) {
                for (const id of el.getAttribute('aria-describedby').split(' ')) {
                  if (!document.getElementById(id)) problems.push('aria-describedby to missing ' + id);
                }
              }
              return problems;
            }""";

    @ParameterizedTest
    @ValueSource(strings = {"/tokens", "/tokens/new", "/tokens/{id}/edit", "/tokens/{id}/delete", "/users", "/audit",
            "/account", "/cli-auth", "/login-signed-out", "/oauth2-apps", "/oauth2-apps/new", "/oauth2-apps/{app}",
            "/oauth2-apps/{app}/edit", "/oauth2-apps/{app}/delete", "/oauth2-apps/{app}/secrets/{secret}/delete",
            "/authorized-apps",
            "/oauth2/authorize", "/oauth2/device/verify"})
    void pageHasLabelsLandmarksAndSecurityHeaders(String path) {
        BrowserContext c = path.equals("/login-signed-out") ? context(false) : context;
        Page page = c.newPage();
        try {
            Response r = page.navigate(url(path));
            assertThat(r.status()).as(path).isEqualTo(200);
            checkPage(page, r, path);
            screenshot(page, "30-a11y" + path.replace('/', '-').replace("{id}", "id").replace("{app}", "app")
                    .replace("{secret}", "secret"));
        } finally {
            page.close();
        }
    }

    /** The page shown once after a POST (a new client secret): the same checks. */
    @Test
    void secretShownOncePageHasLabelsLandmarksAndSecurityHeaders() {
        Page page = context.newPage();
        try {
            page.navigate(url("/oauth2-apps/{app}"));
            Response r = page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Create client secret")).click());
            assertThat(r.status()).isEqualTo(201);
            checkPage(page, r, "new client secret");
            screenshot(page, "30-a11y-oauth2-secret-created");
        } finally {
            page.close();
        }
    }

    /** Headers, the one script, the audit above, and the skip link as the first keyboard stop. */
    static void checkPage(Page page, Response r, String path) {
        Map<String, String> h = r.headers();
        String csp = h.get("content-security-policy");
        assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'nonce-")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(h.get("x-frame-options")).isEqualTo("DENY");
        assertThat(h.get("cache-control")).isEqualTo("no-store");
        // The only script is the jar's, with this response's nonce; no inline script anywhere.
        assertThat(page.evaluate("[...document.scripts].every(s => s.src.endsWith('/static/tokend.js') && s.nonce)"))
                .isEqualTo(true);
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) page.evaluate(AUDIT);
        assertThat(problems).as(path).isEmpty();
        // Keyboard: the first Tab lands on the skip link, which is visible with a focus outline.
        page.keyboard().press("Tab");
        assertThat(page.evaluate("document.activeElement.className")).isEqualTo("skip");
        assertThat(page.evaluate("getComputedStyle(document.activeElement).outlineStyle")).isNotEqualTo("none");
    }

    @Test
    void stylesheetColourPairsMeetWcagAaContrast() {
        Page page = context.newPage();
        page.navigate("/tokens");
        @SuppressWarnings("unchecked")
        Map<String, Object> ratios = (Map<String, Object>) page.evaluate("""
                () => {
                  const css = getComputedStyle(document.documentElement);
                  const probe = document.createElement('span');
                  document.body.appendChild(probe);
                  const rgb = v => { probe.style.color = css.getPropertyValue(v).trim();
                    return getComputedStyle(probe).color.match(/\\d+/g).slice(0, 3).map(Number); };
                  const lum = ([r, g, b]) => [r, g, b].map(c => { c /= 255;
                    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); })
                    .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
                  const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
                    return (x + 0.05) / (y + 0.05); };
                  const pairs = {'fg/bg': ['--fg', '--bg'], 'fg/surface': ['--fg', '--surface'],
                    'muted/bg': ['--muted', '--bg'], 'muted/surface': ['--muted', '--surface'],
                    'accent/bg': ['--accent', '--bg'], 'accent-fg/accent': ['--accent-fg', '--accent'],
                    'danger-fg/danger': ['--danger-fg', '--danger'], 'danger/bg': ['--danger', '--bg'],
                    'ok/ok-bg': ['--ok-fg', '--ok-bg'], 'err/err-bg': ['--err-fg', '--err-bg'],
                    'info/info-bg': ['--info-fg', '--info-bg'], 'focus/bg': ['--focus', '--bg'],
                    'border/bg': ['--border', '--bg']};
                  const out = {};
                  for (const [k, [a, b]] of Object.entries(pairs)) out[k] = ratio(a, b);
                  return out;
                }""");
        page.close();
        ratios.forEach((pair, value) -> {
            double min = pair.equals("focus/bg") || pair.equals("border/bg") ? 3.0 : 4.5; // non-text: 3:1 (1.4.11)
            assertThat(((Number) value).doubleValue()).as(pair).isGreaterThanOrEqualTo(min);
        });
        assertThat(ratios).hasSize(13);
    }

    @Test
    void pagesCannotBeFramedAndInlineScriptDoesNotRun() {
        Page page = context.newPage();
        List<String> blocked = new java.util.ArrayList<>();
        page.onConsoleMessage(m -> blocked.add(m.text()));
        page.navigate("/tokens");
        // An injected inline script is refused by the CSP (the nonce is unknown to it).
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 1';"
                + " document.body.appendChild(s); }");
        assertThat(page.evaluate("window.pwned === undefined")).isEqualTo(true);
        // Framing by another origin is refused.
        page.setContent("<iframe id=f src='" + base() + "/tokens'></iframe>");
        page.waitForTimeout(0);
        assertThat(page.frames().stream().filter(f -> f.url().endsWith("/tokens")).noneMatch(
                f -> f.locator("h1").count() > 0)).isTrue();
        page.close();
    }

    @Test
    void phoneWidthShowsTablesAsLabelledCardsWithoutSideScrolling() {
        try (BrowserContext phone = context(true)) {
            phone.addCookies(context.cookies());
            Page page = phone.newPage();
            page.navigate("/tokens");
            assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
            screenshot(page, "31-tokens-phone");
            for (String path : List.of("/oauth2-apps", "/oauth2-apps/{app}", "/oauth2/authorize")) {
                page.navigate(url(path));
                assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).as(path)
                        .isEqualTo(true);
            }
            screenshot(page, "32-oauth2-consent-phone");
        }
    }
}
