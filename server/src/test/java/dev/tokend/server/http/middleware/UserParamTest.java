package dev.tokend.server.http.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.rbac.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserParamTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static UserRow user(String username) {
        return new UserRow(UUID.randomUUID(), username + "@example.com", username, "", "", NOW, NOW, UserRow.ACTIVE,
                List.of(), "password", "", false, NOW, false, "");
    }

    private static Authenticated signedIn(UserRow user) {
        ApiKeyRow key = new ApiKeyRow("Ab3dE9xYz1", new byte[32], user.id(), NOW, NOW.plusSeconds(3600), NOW, NOW,
                "password", 3600, "127.0.0.1", "", List.of("coder:all"), List.of("*:*"), true);
        Subject subject = new Subject(user.id(), user.username(), Set.of("member"), Map.of(), key.scopes(),
                key.allowList());
        return new Authenticated(key, user, subject);
    }

    private static final UserRow ALICE = user("alice");
    private static final UserRow BOB = user("bob");
    private static final UserRow HIDDEN = user("hidden");

    /**
     * Alice may read herself and bob; hidden exists but is not readable, so find() does not return it;
     * an anonymous actor finds nobody (as AuthorizedUsers.find).
     */
    private final UserParam param = new UserParam((subject, u) -> !u.equals(HIDDEN) && !subject.name().equals("nobody"),
            (actor, value) -> actor.subject().isEmpty() ? Optional.empty() : List.of(ALICE, BOB).stream()
                    .filter(u -> u.username().equalsIgnoreCase(value) || u.id().toString().equals(value)).findFirst());

    private UserRow resolve(String value, Optional<Authenticated> auth) {
        Actor actor = auth.map(a -> Actor.signedIn(a.principal(), UUID.randomUUID(), null, ""))
                .orElseGet(() -> Actor.anonymous(UUID.randomUUID(), null, ""));
        return param.resolve(value, auth, actor);
    }

    private static ApiError error(Runnable call) {
        try {
            call.run();
        } catch (ApiError e) {
            return e;
        }
        throw new AssertionError("no ApiError");
    }

    @Test
    void meResolvesToTheCallerWithoutALookup() {
        assertThat(resolve("me", Optional.of(signedIn(ALICE)))).isSameAs(ALICE);
    }

    @Test
    void usernameCaseInsensitiveAndUuidResolve() {
        assertThat(resolve("BOB", Optional.of(signedIn(ALICE)))).isEqualTo(BOB);
        assertThat(resolve(BOB.id().toString(), Optional.of(signedIn(ALICE)))).isEqualTo(BOB);
    }

    @Test
    void emptyValueIs400Missing() {
        ApiError e = error(() -> resolve("", Optional.of(signedIn(ALICE))));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.body().message()).isEqualTo(UserParam.MISSING);
    }

    @Test
    void meWithoutAKeyIs400() {
        ApiError e = error(() -> resolve("me", Optional.empty()));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.body().message()).isEqualTo(UserParam.ME_WITHOUT_SESSION);
    }

    @Test
    void missingAndHiddenUsersGetTheSameAnswer() {
        ApiError missing = error(() -> resolve("nobody-here", Optional.of(signedIn(ALICE))));
        ApiError hidden = error(() -> resolve("hidden", Optional.of(signedIn(ALICE))));
        assertThat(missing.status()).isEqualTo(400).isEqualTo(hidden.status());
        assertThat(missing.body().message()).isEqualTo(UserParam.NOT_FOUND).isEqualTo(hidden.body().message());
        assertThat(hidden.body().detail()).isEqualTo("queried user=\"hidden\"");
    }

    @Test
    void anonymousCallerFindsNobody() {
        assertThat(error(() -> resolve("bob", Optional.empty())).body().message()).isEqualTo(UserParam.NOT_FOUND);
    }

    @Test
    void meThatTheCallerMayNotReadIs404() {
        UserRow nobody = user("nobody");
        assertThat(error(() -> resolve("me", Optional.of(signedIn(nobody)))).status()).isEqualTo(404);
    }
}
