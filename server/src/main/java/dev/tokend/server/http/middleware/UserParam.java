package dev.tokend.server.http.middleware;

import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Middleware;
import dev.tokend.server.http.RequestInfo;
import dev.tokend.server.store.AuthorizedUsers;
import dev.tokend.server.db.UserRow;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.rbac.Subject;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
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

    private final BiPredicate<Subject, UserRow> readable;
    private final BiFunction<Actor, String, Optional<UserRow>> find;

    public UserParam(AuthorizedUsers users) {
        Objects.requireNonNull(users, "users");
        this.readable = users::readable;
        this.find = users::find;
    }

    /** For tests: the two lookups {@link AuthorizedUsers} provides. */
    UserParam(BiPredicate<Subject, UserRow> readable, BiFunction<Actor, String, Optional<UserRow>> find) {
        this.readable = Objects.requireNonNull(readable, "readable");
        this.find = Objects.requireNonNull(find, "find");
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
            req.context().register(KEY, resolve(value, ApiKeyMiddleware.optional(req), ApiKeyMiddleware.actor(req)));
            next.handle(req, res);
        };
    }

    /**
     * The user {@code value} names for the caller {@code auth} (acting as {@code actor}): 400 {@value #MISSING} when empty,
     * 400 {@value #ME_WITHOUT_SESSION} for {@code me} without a key, 404 when the caller may not read
     * itself, and 400 {@value #NOT_FOUND} for a user that is missing or hidden alike.
     */
    UserRow resolve(String value, Optional<Authenticated> auth, Actor actor) {
        if (value.isEmpty()) {
            throw ApiError.badRequest(MISSING, null);
        }
        if (value.equals("me")) {
            if (auth.isEmpty()) {
                throw ApiError.badRequest(ME_WITHOUT_SESSION, null);
            }
            UserRow self = auth.get().user(); // loaded by the authentication middleware moments ago
            if (!readable.test(auth.get().subject(), self)) {
                throw ApiError.notFound();
            }
            return self;
        }
        return find.apply(actor, value)
                .orElseThrow(() -> ApiError.badRequest(NOT_FOUND, "queried user=\"" + value + "\""));
    }
}
