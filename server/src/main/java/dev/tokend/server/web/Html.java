package dev.tokend.server.web;

import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;

/**
 * The redirect rule of the pages, and a transitional bridge for pages still built as strings.
 *
 * <p>New pages render a jte template through {@link View} (escaping is the engine's). Pages written
 * before the web UI (the OAuth2 consent and device pages of issue 11) call {@link #send} with
 * hand-built HTML; the bridge puts that body into the same layout, stylesheet and headers, so they
 * look like the rest until they move to their templates ({@code oauth2-consent.jte},
 * {@code oauth2-device.jte}; see docs/web-ui.md). Do not add new callers.
 */
final class Html {
    private static final View BRIDGE = new View(new SecureRandom());

    private Html() {}

    /**
     * A redirect target that stays on this site (the one rule, {@link dev.tokend.server.http.SameOriginRedirect}):
     * control characters and backslashes refused, then a path with no scheme and no authority; else {@code /}.
     */
    static String safeRedirect(String target) {
        return dev.tokend.server.http.SameOriginRedirect.sanitize(target);
    }

    /** Transitional: escapes text for a hand-built body passed to {@link #send}. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Transitional: a hand-built body in the layout, with the page headers. */
    static void send(ServerResponse res, int status, String title, String body) {
        send(res, status, title, body, "");
    }

    /** Transitional: as {@link #send(ServerResponse, int, String, String)}; {@code formTarget} joins form-action. */
    static void send(ServerResponse res, int status, String title, String body, String formTarget) {
        BRIDGE.send(res, status, "legacy.jte", new Frame(title, BRIDGE.nonce(), null, null),
                new LegacyBody(title, body), formTarget);
    }
}
