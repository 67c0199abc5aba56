package dev.tokend.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import dev.tokend.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * One real Chromium per test class (Debian's {@code chromium}, driven by Playwright for Java, which
 * never downloads a browser here) against one real server on embedded PostgreSQL.
 *
 * <p>Without a local Chromium the class is skipped with one clear line; with
 * {@code TOKEND_REQUIRE_BROWSER=1} (set by {@code .ci/run}) a missing browser fails instead, so CI
 * never skips these tests silently.
 */
abstract class BrowserTestBase {
    static final List<Path> CANDIDATES = List.of(Paths.get("/usr/bin/chromium"), Paths.get("/usr/bin/chromium-browser"));

    /** The skip notice is printed once per test JVM, not once per class. */
    private static boolean told;

    static Playwright playwright;
    static Browser browser;
    static TestServer server;

    @BeforeAll
    static void startBrowser() {
        Optional<Path> chromium = chromium();
        if (chromium.isEmpty()) {
            String line = "No Chromium found (looked for " + CANDIDATES + " and $TOKEND_CHROMIUM): browser tests skipped.";
            if ("1".equals(System.getenv("TOKEND_REQUIRE_BROWSER"))) {
                throw new IllegalStateException(line.replace("skipped", "required by TOKEND_REQUIRE_BROWSER=1"));
            }
            if (!told) {
                told = true;
                System.out.println(line);
            }
            Assumptions.abort(line);
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium.get())
                .setArgs(List.of("--no-sandbox", "--disable-gpu")).setHeadless(true));
        server = TestServer.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
        browser = null;
        playwright = null;
        server = null;
    }

    static Optional<Path> chromium() {
        String configured = System.getenv("TOKEND_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path p = Paths.get(configured);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    static String base() {
        String url = server.url().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A fresh browser context (cookies of its own), phone- or desktop-sized. */
    static BrowserContext context(boolean phone) {
        BrowserContext c = browser.newContext(new Browser.NewContextOptions().setBaseURL(base())
                .setViewportSize(phone ? 390 : 1280, phone ? 844 : 900));
        c.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        return c;
    }

    /** A context already signed in with {@code account}'s session token (as the login form would leave it). */
    static BrowserContext signedIn(TestServer.Account account) {
        BrowserContext c = context(false);
        c.addCookies(List.of(new Cookie("coder_session_token", account.token()).setUrl(base())));
        return c;
    }

    /** Saves a full-page screenshot as {@code target/screenshots/<name>.png} for reviewers. */
    static void screenshot(Page page, String name) {
        Path dir = Paths.get(System.getProperty("tokend.screenshots", "target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
    }
}
