package dev.tokend.server.http.middleware;

import dev.tokend.server.http.Middleware;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerResponse;

/**
 * CORS for the machine-facing OAuth2 endpoints (reference §8.6, tokend decision): any origin, never
 * with credentials, so browser apps and MCP clients can discover, register and exchange tokens,
 * while no cookie ever rides along. {@link #preflight()} answers {@code OPTIONS} with 204.
 * {@code /oauth2/authorize} and {@code /api/v2} keep the same-origin policy.
 */
public final class OAuth2Cors implements Middleware {
    @Override
    public Handler wrap(Handler next) {
        return (req, res) -> {
            headers(res);
            next.handle(req, res);
        };
    }

    /** The {@code OPTIONS} handler of a CORS-enabled path. */
    public static Handler preflight() {
        return (req, res) -> {
            headers(res);
            res.header(HeaderNames.create("Access-Control-Allow-Methods"), "GET, POST, PUT, DELETE, OPTIONS");
            res.header(HeaderNames.create("Access-Control-Allow-Headers"),
                    "Authorization, Content-Type, Accept, Mcp-Protocol-Version");
            res.header(HeaderNames.create("Access-Control-Max-Age"), "600");
            res.status(Status.NO_CONTENT_204);
            res.send();
        };
    }

    private static void headers(ServerResponse res) {
        res.header(HeaderNames.create("Access-Control-Allow-Origin"), "*");
        res.header(HeaderNames.create("Access-Control-Expose-Headers"), "WWW-Authenticate, Retry-After");
    }
}
