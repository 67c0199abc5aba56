package dev.tokend.server.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tokend.sdk.TokendJson;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /readyz}: {@code 200 OK} (plain text, like {@code /healthz}) while the database
 * answers; otherwise {@code 503} with the API's error shape,
 * {@code {"message":"The database is unreachable.","detail":"the database is unreachable"}}.
 * Unauthenticated, like {@code /healthz}, so kubelets and load balancers can call it.
 *
 * <p>Writes its answers itself rather than through the {@code http} package, so that {@code db}
 * depends on no other package of the server (the package graph stays acyclic whatever uses
 * {@code db}).
 */
public final class ReadinessEndpoint implements Handler {
    /** NOTE: docs/operations.md quotes this message; probes only look at the status. */
    public static final String NOT_READY = "The database is unreachable.";

    private static final byte[] OK = "OK\n".getBytes(StandardCharsets.UTF_8);

    private final Readiness readiness;

    public ReadinessEndpoint(Readiness readiness) {
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Readiness.Status status = readiness.check();
        if (status.ready()) {
            res.status(Status.OK_200);
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.send(OK);
            return;
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", NOT_READY);
        body.put("detail", status.detail());
        byte[] json;
        try {
            json = TokendJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the readiness answer", e);
        }
        res.status(Status.SERVICE_UNAVAILABLE_503);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(json);
    }
}
