package dev.tokend.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tokend.sdk.TokendJson;
import dev.tokend.sdk.Version;
import dev.tokend.server.openapi.OpenApiDocument;
import dev.tokend.server.openapi.RouteDoc;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /api/v2/openapi.json}: the OpenAPI 3.1 document generated from the route table. The
 * routes are read at the first request (the table is complete by then: this handler is one of its
 * routes) and the rendered bytes kept; the document never changes while the server runs.
 */
public final class OpenApiApi {
    private final Supplier<List<OpenApiDocument.Endpoint>> routes;
    private final Map<String, RouteDoc> docs;
    private volatile byte[] rendered;

    public OpenApiApi(Supplier<List<OpenApiDocument.Endpoint>> routes, Map<String, RouteDoc> docs) {
        this.routes = Objects.requireNonNull(routes);
        this.docs = Objects.requireNonNull(docs);
    }

    public void serve(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(document());
    }

    /** The document's bytes; rendering twice in a race is harmless (same input, same output). */
    byte[] document() {
        byte[] bytes = rendered;
        if (bytes == null) {
            try {
                bytes = TokendJson.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(OpenApiDocument.generate(routes.get(), docs, Version.VERSION));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render the OpenAPI document", e);
            }
            rendered = bytes;
        }
        return bytes;
    }
}
