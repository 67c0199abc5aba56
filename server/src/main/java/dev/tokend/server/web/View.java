package dev.tokend.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a page template and sends it with the headers every page carries.
 *
 * <p>Templates are precompiled by the jte Maven plugin into {@code dev.tokend.server.web.templates},
 * so a template error fails the build; {@link ContentType#Html} makes jte escape every
 * {@code ${...}} for its HTML context (no page escapes by hand).
 *
 * <p>Security headers (issue 13): a CSP without inline script (the one script comes from the jar
 * and carries a fresh per-response nonce), no framing ({@code frame-ancestors 'none'} and
 * {@code X-Frame-Options: DENY}), forms post only to this site, and {@code no-store} on every page:
 * several show a secret once, and none is worth caching.
 */
public final class View {
    /** Where the plugin puts the generated template classes (see server/pom.xml). */
    static final String TEMPLATE_PACKAGE = "dev.tokend.server.web.templates";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
            View.class.getClassLoader(), TEMPLATE_PACKAGE);
    private final SecureRandom rng;

    public View(SecureRandom rng) {
        this.rng = Objects.requireNonNull(rng);
    }

    /** A fresh CSP nonce for one response. */
    String nonce() {
        byte[] b = new byte[18];
        rng.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /**
     * Renders {@code template} (a path under {@code src/main/jte}, e.g. {@code "tokens.jte"}) with
     * {@code frame} and the page's own {@code view}, and sends it.
     */
    void send(ServerResponse res, int status, String template, Frame frame, Object view) {
        send(res, status, template, frame, view, "");
    }

    /**
     * As {@link #send(ServerResponse, int, String, Frame, Object)}, with {@code formAction} (an
     * origin, or empty) added to the CSP's {@code form-action}: the OAuth2 consent form's answer is
     * a redirect to the app, and browsers apply {@code form-action} to that redirect too.
     */
    void send(ServerResponse res, int status, String template, Frame frame, Object view, String formAction) {
        byte[] page = render(template, frame, view);
        headers(res, frame.nonce(), formAction);
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(page);
    }

    /** The rendered page (UTF-8). */
    byte[] render(String template, Frame frame, Object view) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(template, Map.of("frame", frame, "view", view), out);
        return out.toByteArray();
    }

    /**
     * The page headers. {@code extraFormAction} adds sources to {@code form-action} (a consent form
     * whose POST redirects to a client's {@code redirect_uri} needs that origin: browsers apply
     * {@code form-action} to the redirect too).
     */
    static void headers(ServerResponse res, String nonce, String extraFormAction) {
        res.header(HeaderNames.create("Content-Security-Policy"), csp(nonce, extraFormAction));
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
    }

    static String csp(String nonce, String extraFormAction) {
        return "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'self'; img-src 'self' https: data:; "
                + "connect-src 'self'; form-action 'self'" + (extraFormAction.isEmpty() ? "" : " " + extraFormAction)
                + "; frame-ancestors 'none'; base-uri 'none'";
    }
}
