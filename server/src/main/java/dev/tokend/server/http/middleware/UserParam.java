package dev.tokend.server.http.middleware;

import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Middleware;
import dev.tokend.server.http.RequestInfo;
import dev.tokend.server.store.AuthorizedUsers;
import dev.tokend.server.db.UserRow;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the {@code {user}} path parameter (spec §2.0): {@code me}, a UUID, or a username
 * (case-insensitive, not deleted). A user that does not exist or that the caller may not read gives
 * the same 400, so existence is not revealed. Must run after the required API-key middleware.
 */
public final class UserParam implements Middleware {
    // NOTE: stable wire strings (reference §2.0).
    static final String MISSING = "\"user\" must be provided.";
    static final String ME_WITHOUT_SESSION = "Cannot use \"me\" without a valid session.";
    static final String NOT_FOUND = "\"user\" must be an existing uuid or username.";

    private static final Class<UserRow> KEY = UserRow.class;

    private final AuthorizedUsers users;

    public UserParam(AuthorizedUsers users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    /** The resolved target user; fails loudly when the route is not behind this middleware. */
    public static UserRow required(ServerRequest req) {
        return req.context().get(KEY, KEY).orElseThrow(() -> new IllegalStateException(
                "route " + RequestInfo.of(req).routePattern() + " is not behind UserParam"));
    }

    @Override
    public Handler wrap(Handler next) {
        return (req, res) -> {
            String value = req.path().pathParameters().first("user").orElse("");
            if (value.isEmpty()) {
                throw ApiError.badRequest(MISSING, null);
            }
            var auth = ApiKeyMiddleware.optional(req);
            UserRow target;
            if (value.equals("me")) {
                if (auth.isEmpty()) {
                    throw ApiError.badRequest(ME_WITHOUT_SESSION, null);
                }
                target = auth.get().user(); // loaded by the authentication middleware moments ago
                if (!users.readable(auth.get().subject(), target)) {
                    throw ApiError.notFound();
                }
            } else {
                Optional<UserRow> found = users.find(ApiKeyMiddleware.actor(req), value);
                if (found.isEmpty()) {
                    throw ApiError.badRequest(NOT_FOUND, "queried user=\"" + value + "\"");
                }
                target = found.get();
            }
            req.context().register(KEY, target);
            next.handle(req, res);
        };
    }
}
