package dev.tokend.server.db;

import dev.tokend.server.http.ApiError;
import dev.tokend.server.http.Http;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Objects;

/**
 * {@code GET /readyz}: {@code 200 OK} (plain text, like {@code /healthz}) while the database
 * answers; otherwise {@code 503} with the API's error body,
 * {@code {"message":"The database is unreachable.","detail":"the database is unreachable"}}.
 * Unauthenticated, like {@code /healthz}, so kubelets and load balancers can call it.
 */
public final class ReadinessEndpoint implements Handler {
    /** NOTE: docs/operations.md quotes this message; probes only look at the status. */
    public static final String NOT_READY = "The database is unreachable.";

    private final Readiness readiness;

    public ReadinessEndpoint(Readiness readiness) {
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Readiness.Status status = readiness.check();
        if (status.ready()) {
            Http.text(res, 200, "OK");
        } else {
            Http.error(res, ApiError.of(503, NOT_READY, status.detail()));
        }
    }
}
