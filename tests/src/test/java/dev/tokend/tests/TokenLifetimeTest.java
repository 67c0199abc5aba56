package dev.tokend.tests;

import static dev.tokend.tests.TokensApiTest.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lifetime policy (reference §5): the maximum depends on the target user's roles, 0 means the
 * default, negative is refused, equal to the maximum is allowed; a fixed lifetime is a hard expiry.
 */
class TokenLifetimeTest {

    /** Creates a token of {@code lifetime} for {@code target} as {@code caller}; returns the status and detail. */
    private static String[] attempt(TestServer server, TestServer.Account caller, String target, long lifetimeNanos) {
        RawHttp.Response r = server.http().post("/api/v2/users/" + target + "/keys/tokens")
                .sessionToken(caller.token())
                .json(Map.of("token_name", TestServer.uniqueTokenName(), "lifetime", lifetimeNanos)).send();
        return new String[] {String.valueOf(r.status()), r.status() == 201 ? "" : r.message() + " | " + r.detail()};
    }

    @ParameterizedTest(name = "{0} creates for {1}: {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // caller | target | lifetime           | status | detail of the 400
        "member   | self   | 0                  | 201    | -",
        "member   | self   | 876600h            | 201    | -",
        "member   | self   | 876600h0m0.000000001s | 400 | lifetime must be less than 876600h0m0s",
        "member   | self   | -1s                | 400    | lifetime must be positive number greater than 0",
        "owner    | self   | 168h               | 201    | -",
        "owner    | self   | 169h               | 400    | lifetime must be less than 168h0m0s",
        "owner    | member | 169h               | 201    | -",
        "owner    | member | 876601h            | 400    | lifetime must be less than 876600h0m0s",
    })
    void lifetimeMatrixWithDefaultMaxima(String caller, String target, String lifetime, int status, String detail) {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            TestServer.Account who = caller.equals("owner") ? owner : member;
            String user = target.equals("self") ? "me" : member.id().toString();
            long nanos = lifetime.equals("0") ? 0 : dev.tokend.sdk.GoDuration.toNanos(
                    dev.tokend.sdk.GoDuration.parse(lifetime));
            String[] result = attempt(server, who, user, nanos);
            assertThat(result[0]).isEqualTo(String.valueOf(status));
            if (status != 201) {
                assertThat(result[1]).isEqualTo("Failed to validate create API key request. | " + detail);
            }
        }
    }

    @Test
    void maximaFollowTheTargetInBothOrders() {
        // Admin maximum longer than the member maximum: the owner's own tokens may live longer.
        try (TestServer server = TestServer.start(o -> o.withMaxTokenLifetime(Duration.ofHours(24))
                .withMaxAdminTokenLifetime(Duration.ofDays(30)))) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            assertThat(attempt(server, owner, "me", Duration.ofDays(29).toNanos())[0]).isEqualTo("201");
            assertThat(attempt(server, owner, member.username(), Duration.ofDays(2).toNanos())[1])
                    .endsWith("lifetime must be less than 24h0m0s");
            assertThat(attempt(server, member, "me", Duration.ofHours(25).toNanos())[0]).isEqualTo("400");
            assertThat(owner.client().tokenConfig("me").maxTokenLifetime()).isEqualTo(Duration.ofDays(30).toNanos());
            assertThat(member.client().tokenConfig("me").maxTokenLifetime()).isEqualTo(Duration.ofHours(24).toNanos());
            assertThat(owner.client().tokenConfig(member.username()).maxTokenLifetime())
                    .isEqualTo(Duration.ofHours(24).toNanos());
        }
    }

    @Test
    void tokenConfigUsesTheDefaultMaxima() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            RawHttp.Response r = server.http().get("/api/v2/users/me/keys/tokens/tokenconfig")
                    .sessionToken(member.token()).send();
            assertThat(r.json().path("max_token_lifetime").asLong()).isEqualTo(Duration.ofHours(876600).toNanos());
            assertThat(owner.client().tokenConfig("me").maxTokenLifetime()).isEqualTo(Duration.ofHours(168).toNanos());
        }
    }

    @Test
    void defaultLifetimeIsUsedEvenWhenItExceedsTheMaximum() {
        try (TestServer server = TestServer.start(o -> o.withMaxTokenLifetime(Duration.ofHours(1)))) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            String name = TestServer.uniqueTokenName();
            member.client().createToken("me", CreateTokenRequest.of(name, null, null, null));
            assertThat(member.client().token("me", name).lifetimeSeconds()).isEqualTo(Duration.ofDays(7).toSeconds());
        }
    }

    /** Regression: the reference once slid every key, so a used token outlived its lifetime. */
    @Test
    void tokenUsedJustBeforeItsExpiryStillExpiresOnTime() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            String name = TestServer.uniqueTokenName();
            String token = member.client().createToken("me",
                    CreateTokenRequest.of(name, Duration.ofHours(2), null, null)).key();
            ApiKey created = member.client().token("me", name);
            for (int minute = 0; minute < 119; minute += 17) {
                server.clock().advance(Duration.ofMinutes(17));
                assertThat(server.http().get("/api/v2/users/me").sessionToken(token).send().status()).isEqualTo(200);
            }
            server.clock().set(created.expiresAt());
            assertThat(server.http().get("/api/v2/users/me").sessionToken(token).send().status()).isEqualTo(200);
            server.clock().advance(Duration.ofMillis(1));
            RawHttp.Response after = server.http().get("/api/v2/users/me").sessionToken(token).send();
            assertThat(after.status()).isEqualTo(401);
            assertThat(after.detail()).startsWith("API key expired at");
            ApiException gone = error(() -> server.client(token).me());
            assertThat(gone.status()).isEqualTo(401);
            assertThat(server.freshSession(member).client().apiKey("me", Tokens.idOf(token)).expiresAt())
                    .isEqualTo(created.expiresAt());
        }
    }
}
