package dev.tokend.server.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /static/{file}}: the stylesheet and the one script, from the jar. A fixed list (no
 * path from the request reaches the class loader), loaded once at start-up.
 */
public final class StaticFiles {
    private record Asset(byte[] bytes, String type) {}

    private final Map<String, Asset> assets = Map.of(
            "tokend.css", load("tokend.css", "text/css; charset=utf-8"),
            "tokend.js", load("tokend.js", "text/javascript; charset=utf-8"));

    StaticFiles() {}

    public void serve(ServerRequest req, ServerResponse res) {
        Asset a = assets.get(req.path().pathParameters().first("file").orElse(""));
        if (a == null) {
            res.status(Status.NOT_FOUND_404);
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.send("Not found.");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, a.type());
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.send(a.bytes());
    }

    private static Asset load(String name, String type) {
        try (InputStream in = StaticFiles.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing web asset " + name);
            }
            return new Asset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
