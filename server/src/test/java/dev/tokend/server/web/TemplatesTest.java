package dev.tokend.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The precompiled templates render, and user text is escaped by jte (never by hand) in every context. */
class TemplatesTest {
    private static final String EVIL = "<script>alert(1)</script>\"'&";
    private final View view = new View(new SecureRandom());

    private String render(String template, Object model) {
        Frame frame = new Frame(EVIL, "n0nce", new Frame.Nav(EVIL, "csrf", "tokens", true, true, true),
                Frame.Flash.error(EVIL));
        return new String(view.render(template, frame, model), StandardCharsets.UTF_8);
    }

    @Test
    void userTextIsEscapedInTextAndAttributes() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        When when = When.of(now, now);
        TokenPages.TokenRow row = new TokenPages.TokenRow("id1", EVIL, List.of(EVIL), List.of(EVIL), when, when, when,
                EVIL, false);
        String html = render("tokens.jte", new TokenPages.ListView(List.of(row), false, false, true, "csrf"));
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("aria-label=\"Edit token &lt;script").doesNotContain("aria-label=\"Edit token <");
        assertThat(html).contains("<script src=\"/static/tokend.js\" nonce=\"n0nce\" defer></script>");
    }

    @Test
    void consentPageListsScopesAndEchoesTheRequestAsHiddenFields() {
        String html = render("oauth2-consent.jte", new OAuth2Views.Consent(EVIL, "alice", List.of("user:read"), "",
                "https://app.example/cb", "csrf", Map.of("state", EVIL)));
        assertThat(html).contains("id=\"scope-list\"").contains("id=\"scope-disclaimer\"").contains("id=\"allow-form\"")
                .doesNotContain("full access").doesNotContain("<script>alert")
                .contains("name=\"state\" value=\"&lt;script").doesNotContain("\"'&\"");
        String full = render("oauth2-consent.jte", new OAuth2Views.Consent("App", "alice", List.of("coder:all"), "",
                "https://app.example/cb", "csrf", Map.of()));
        assertThat(full).contains("full access").doesNotContain("scope-list");
    }

    @Test
    void devicePageShowsTheCodeFormOrTheDecisionNeverBoth() {
        String form = render("oauth2-device.jte", new OAuth2Views.Device("", "", List.of(), EVIL, "csrf",
                "This code is unknown, expired or already used."));
        assertThat(form).contains("name=\"user_code\"").contains("role=\"alert\"").doesNotContain("decision")
                .doesNotContain("<script>alert");
        String decide = render("oauth2-device.jte", new OAuth2Views.Device(EVIL, "alice", List.of("user:read"),
                "BCDF-GHJK", "csrf", ""));
        assertThat(decide).contains("<input type=\"hidden\" name=\"user_code\" value=\"BCDF-GHJK\">")
                .contains("value=\"approve\"").contains("value=\"deny\"").doesNotContain("<script>alert");
    }

    @Test
    void noticePageEscapesItsTextAndLinksOnwardOnlyWhenAsked() {
        String html = render("notice.jte", Notice.error(EVIL, EVIL, EVIL).withLink("/login", "Back to site"));
        assertThat(html).contains("<link rel=\"stylesheet\" href=\"/static/tokend.css\">")
                .contains("role=\"alert\"").contains("<a href=\"/login\">Back to site</a>")
                .doesNotContain("<script>alert");
        assertThat(render("notice.jte", Notice.success("Device connected", "ok", ""))).contains("role=\"status\"")
                .doesNotContain("Back to site");
    }

    @Test
    void secretPageShowsTheSecretOnceWithItsWarningAndOnlyForConfidentialApps() {
        String shown = render("oauth2-secret.jte", new OAuth2AppPages.SecretView("id1", EVIL, true, false,
                "tkds_secret", ""));
        assertThat(shown).contains("It will not be shown again").contains("value=\"tkds_secret\"")
                .contains("data-copy=\"secret-value\"").doesNotContain("<script>alert");
        String none = render("oauth2-secret.jte", new OAuth2AppPages.SecretView("id1", "cli", true, true, "", ""));
        assertThat(none).doesNotContain("secret-value").contains("proves itself with PKCE");
    }

    @Test
    void navOffersOAuth2AppsOnlyToThoseWhoMayReadThem() {
        Frame member = new Frame("t", "n", new Frame.Nav("bob", "csrf", "authorized", false, false, false), null);
        String html = new String(view.render("authorized-apps.jte", member,
                new AuthorizedAppPages.ListView(List.of())), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("href=\"/oauth2-apps\"")
                .contains("<a href=\"/authorized-apps\" aria-current=\"page\">");
        assertThat(render("oauth2-apps.jte", new OAuth2AppPages.ListView(List.of()))).contains("href=\"/oauth2-apps\"");
    }

    @Test
    void relativeTimesReadLikeTheReference() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(When.of(now.plusSeconds(29L * 86400), now).relative()).isEqualTo("in 29 days");
        assertThat(When.of(now.minusSeconds(3 * 3600), now).relative()).isEqualTo("3 hours ago");
        assertThat(When.of(Instant.EPOCH, now).relative()).isEqualTo("Never");
        assertThat(When.of(now, now).exact()).isEqualTo("2026-01-01 00:00:00 UTC");
    }

    @Test
    void redirectsStayOnThisSite() {
        assertThat(PageSupport.safeRedirect("/tokens?x=1")).isEqualTo("/tokens?x=1");
        for (String bad : new String[] {"//evil.example", "/\\evil.example", "https://evil.example", "", null}) {
            assertThat(PageSupport.safeRedirect(bad)).isEqualTo("/");
        }
    }
}
