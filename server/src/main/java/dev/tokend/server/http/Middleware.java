package dev.tokend.server.http;

import io.helidon.webserver.http.Handler;

/** One concern wrapped around a handler (one class per middleware, as in the reference's httpmw). */
@FunctionalInterface
public interface Middleware {
    Handler wrap(Handler next);
}
