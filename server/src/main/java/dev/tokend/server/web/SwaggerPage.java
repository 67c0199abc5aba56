package dev.tokend.server.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /swagger}: Swagger UI over {@code /api/v2/openapi.json}, and {@code GET /swagger/{file}}:
 * its assets from the {@code org.webjars:swagger-ui} jar (no CDN), plus tokend's small initializer.
 * The page carries the same headers as every other page ({@link View#headers}): its two scripts
 * are files with the response's nonce, so the CSP allows no inline script.
 *
 * <p>The assets are a fixed list (no request path reaches the class loader), read on first use:
 * the bundle is 1.7 MB and most servers never serve it.
 */
public final class SwaggerPage {
    // NOTE: the document's path; the route is GET /api/v2/openapi.json in Routes.
    static final String DOCUMENT = "/api/v2/openapi.json";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String INITIALIZER = "tokend-swagger.js";

    private static final Map<String, String> TYPES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            INITIALIZER, "text/javascript; charset=utf-8");

    private final View view;
    private final String webjarVersion = webjarVersion();
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    SwaggerPage(View view) {
        this.view = Objects.requireNonNull(view);
    }

    public void page(ServerRequest req, ServerResponse res) {
        String nonce = view.nonce(); // base64: safe inside an attribute
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>tokend API</title>
                <link rel="stylesheet" href="/swagger/swagger-ui.css">
                <link rel="icon" type="image/png" href="/swagger/favicon-32x32.png">
                </head>
                <body>
                <div id="swagger-ui" data-openapi-url="%s"></div>
                <script src="/swagger/swagger-ui-bundle.js" nonce="%s"></script>
                <script src="/swagger/%s" nonce="%s"></script>
                </body>
                </html>
                """.formatted(DOCUMENT, nonce, INITIALIZER, nonce);
        View.headers(res, nonce, "");
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(html.getBytes(StandardCharsets.UTF_8));
    }

    public void asset(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().first("file").orElse("");
        String type = TYPES.get(file);
        if (type == null) {
            res.status(Status.NOT_FOUND_404);
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.send("Not found.");
            return;
        }
        byte[] bytes = loaded.computeIfAbsent(file, this::load);
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.send(bytes);
    }

    private byte[] load(String file) {
        String resource = file.equals(INITIALIZER) ? "dev/tokend/server/web/swagger/" + file
                : WEBJAR + webjarVersion + "/" + file;
        return read(resource);
    }

    private static byte[] read(String resource) {
        try (InputStream in = SwaggerPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webjar's version, from its Maven metadata, so upgrading the pom needs no code change. */
    private static String webjarVersion() {
        Properties p = new Properties();
        try (InputStream in = SwaggerPage.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Objects.requireNonNull(p.getProperty("version"), "swagger-ui version");
    }
}
