package dev.tokend.server.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** Minimal server-rendered pages: escaping, a page frame, and the headers every page carries. */
final class Html {
    private Html() {}

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

    /** Sends a page. No scripts, no framing, no caching (pages may show a token once). */
    static void send(ServerResponse res, int status, String title, String body) {
        send(res, status, title, body, "");
    }

    /**
     * Like {@link #send(ServerResponse, int, String, String)}, also letting the page's form lead to
     * {@code formTarget} (an origin): browsers apply {@code form-action} to the redirect that answers a
     * form, e.g. the OAuth2 consent form answered by a redirect to the app.
     */
    static void send(ServerResponse res, int status, String title, String body, String formTarget) {
        String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · tokend</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}"
                + "label,input,button{display:block;width:100%;margin:.4rem 0}input,button{padding:.5rem}"
                + "code{word-break:break-all;background:#f3f3f3;padding:.2rem}.error{color:#b00020}</style>"
                + "</head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.create("Content-Security-Policy"),
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"
                        + (formTarget.isEmpty() ? "" : " " + formTarget) + "; frame-ancestors 'none'");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(page.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A redirect target that stays on this site: a path starting with a single {@code /}
     * (not {@code //host} nor {@code /\host}); anything else becomes {@code /}.
     */
    static String safeRedirect(String target) {
        if (target == null || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
            return "/";
        }
        return target;
    }
}
