package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.ServerOptions;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.LogCapture;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Rate limiting keyed by the pre-checked user (not the IP), per route; the login limit; the owner
 * bypass; trusted proxies; the concurrency cap on logins (reference §3.1, §3.6).
 */
class RateLimitTest {
    private static final UnaryOperator<ServerOptions> LIMITED = o -> o.withDangerousDisableRateLimits(false)
            .withApiRateLimit(5)
            .withProxyTrustedOrigins(List.of("127.0.0.0/8"))
            .withProxyTrustedHeaders(List.of("X-Forwarded-For"));

    private static RawHttp.Response get(TestServer server, String path, String token, String forwardedFor) {
        RawHttp.Request r = server.http().get(path).header("X-Forwarded-For", forwardedFor);
        return (token == null ? r : r.sessionToken(token)).send();
    }

    @Test
    void anAuthenticatedUserHasOneBucketFromEveryAddressPerRoute() {
        try (TestServer server = TestServer.start(LIMITED)) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            for (int i = 0; i < 5; i++) {
                RawHttp.Response ok = get(server, "/api/v2/users/me", member.token(), "203.0.113." + (i % 2 + 1));
                assertThat(ok.status()).isEqualTo(200);
                assertThat(ok.header("RateLimit-Limit")).isEqualTo("5");
                assertThat(ok.header("RateLimit-Remaining")).isEqualTo(String.valueOf(4 - i));
            }
            RawHttp.Response limited = get(server, "/api/v2/users/me", member.token(), "203.0.113.9");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.message()).isEqualTo("You've been rate limited for sending more than 5 requests in 1m0s.");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(Long.parseLong(limited.header("RateLimit-Reset"))).isBetween(1L, 60L);
            // Another route has its own bucket; another user has their own.
            assertThat(get(server, "/api/v2/users/me/keys/tokens", member.token(), "203.0.113.9").status())
                    .isEqualTo(200);
            assertThat(get(server, "/api/v2/users/me", owner.token(), "203.0.113.9").status()).isEqualTo(200);
            // The window passes.
            server.clock().advance(Duration.ofMinutes(1));
            assertThat(get(server, "/api/v2/users/me", member.token(), "203.0.113.9").status()).isEqualTo(200);
        }
    }

    @Test
    void anonymousCallersAndInvalidKeysAreLimitedByAddress() {
        try (TestServer server = TestServer.start(LIMITED)) {
            server.createFirstUser();
            for (int i = 0; i < 5; i++) {
                assertThat(get(server, "/api/v2/buildinfo", "garbage", "198.51.100.1").status()).isEqualTo(200);
            }
            assertThat(get(server, "/api/v2/buildinfo", null, "198.51.100.1").status()).isEqualTo(429);
            assertThat(get(server, "/api/v2/buildinfo", null, "198.51.100.2").status()).isEqualTo(200);
        }
    }

    @Test
    void forwardedHeadersFromUntrustedPeersAreIgnored() {
        try (TestServer server = TestServer.start(o -> o.withDangerousDisableRateLimits(false).withApiRateLimit(5))) {
            server.createFirstUser();
            for (int i = 0; i < 5; i++) {
                assertThat(get(server, "/api/v2/buildinfo", null, "198.51.100." + i).status()).isEqualTo(200);
            }
            assertThat(get(server, "/api/v2/buildinfo", null, "198.51.100.99").status()).isEqualTo(429);
        }
    }

    @Test
    void bypassHeaderLiftsTheLimitForOwnersOnly() {
        try (TestServer server = TestServer.start(LIMITED)) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            for (int i = 0; i < 10; i++) {
                assertThat(server.http().get("/api/v2/users/me").sessionToken(owner.token())
                        .header("X-Coder-Bypass-Ratelimit", "true").send().status()).isEqualTo(200);
            }
            RawHttp.Response denied = server.http().get("/api/v2/users/me").sessionToken(member.token())
                    .header("X-Coder-Bypass-Ratelimit", "true").send();
            assertThat(denied.status()).isEqualTo(428);
            assertThat(denied.header("Content-Type")).startsWith("application/json");
            assertThat(denied.message()).isEqualTo("\"X-Coder-Bypass-Ratelimit\" provided but user is not owner");
            for (int i = 0; i < 5; i++) {
                assertThat(server.http().get("/api/v2/buildinfo").header("X-Coder-Bypass-Ratelimit", "1").send()
                        .status()).isEqualTo(200);
            }
            assertThat(server.http().get("/api/v2/buildinfo").header("X-Coder-Bypass-Ratelimit", "1").send()
                    .status()).isEqualTo(429);
        }
    }

    /** Issue 9: any owner token, even one scoped user:read, lifted the limits. */
    @Test
    void bypassHeaderWithAScopedOwnerTokenIs428JsonAndStaysLimited() {
        try (TestServer server = TestServer.start(LIMITED)) {
            TestServer.Account owner = server.createFirstUser();
            DbGen gen = DbGen.of(server);
            String readOnly = gen.apiKey(owner.id()).namedToken(TestServer.uniqueTokenName())
                    .scopes(List.of("user:read")).insert().token();
            String allowListed = gen.apiKey(owner.id()).namedToken(TestServer.uniqueTokenName())
                    .allowList(List.of("user:" + owner.id())).insert().token();
            for (String token : List.of(readOnly, allowListed)) {
                RawHttp.Response denied = server.http().get("/api/v2/users/me").sessionToken(token)
                        .header("X-Coder-Bypass-Ratelimit", "true").send();
                assertThat(denied.status()).isEqualTo(428);
                assertThat(denied.header("Content-Type")).startsWith("application/json");
                assertThat(denied.message()).isEqualTo("\"X-Coder-Bypass-Ratelimit\" provided but user is not owner");
                assertThat(denied.detail()).contains("unscoped");
            }
            for (int i = 0; i < 5; i++) {
                assertThat(get(server, "/api/v2/users/me", readOnly, "203.0.113.1").status()).isEqualTo(200);
            }
            assertThat(get(server, "/api/v2/users/me", readOnly, "203.0.113.1").status()).isEqualTo(429);
        }
    }

    @Test
    void loginIsLimitedToSixtyPerMinute() {
        try (TestServer server = TestServer.start(o -> o.withDangerousDisableRateLimits(false).withApiRateLimit(1000))) {
            TestServer.Account owner = server.createFirstUser(); // one login already counted
            for (int i = 1; i < 60; i++) {
                assertThat(server.http().post("/api/v2/users/login")
                        .json(Map.of("email", owner.email(), "password", "WrongPassword!" + i)).send().status())
                        .isEqualTo(401);
            }
            RawHttp.Response limited = server.http().post("/api/v2/users/login")
                    .json(Map.of("email", owner.email(), "password", TestServer.PASSWORD)).send();
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.message()).isEqualTo("You've been rate limited for sending more than 60 requests in 1m0s.");
        }
    }

    @Test
    void loginsBeyondTheConcurrencyCapAreServiceUnavailable() throws InterruptedException {
        try (TestServer server = TestServer.start(o -> o.withMaxConcurrentLogins(1))) {
            TestServer.Account owner = server.createFirstUser();
            var limiter = server.server().loginConcurrency().orElseThrow();
            // The first user's own login may still be releasing its permit: wait for it (bounded).
            try (var held = limiter.tryAcquire(Duration.ofSeconds(10)).orElseThrow()) {
                RawHttp.Response busy = server.http().post("/api/v2/users/login")
                        .json(Map.of("email", owner.email(), "password", TestServer.PASSWORD)).send();
                assertThat(busy.status()).isEqualTo(503);
                assertThat(busy.message()).isEqualTo("Login is currently at capacity. Please try again later.");
            }
            assertThat(server.http().post("/api/v2/users/login")
                    .json(Map.of("email", owner.email(), "password", TestServer.PASSWORD)).send().status())
                    .isEqualTo(201);
        }
    }

    @Test
    void theRequestLogNamesTheKeyOfARequestTheLimiterRejected() throws InterruptedException {
        try (LogCapture logs = LogCapture.capture(); TestServer server = TestServer.start(LIMITED)) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            RawHttp.Response last = null;
            for (int i = 0; i < 6; i++) {
                last = get(server, "/api/v2/users/me", member.token(), "203.0.113.1");
            }
            assertThat(last.status()).isEqualTo(429);
            String requestId = last.header("X-Request-Id");
            String line = logs.await(l -> l.contains(requestId), Duration.ofSeconds(10)).orElseThrow();
            assertThat(line)
                    .contains("status=429").contains("user_id=" + member.id())
                    .contains("api_key_id=" + Tokens.idOf(member.token()))
                    .contains("route=/api/v2/users/{user}");
        }
    }
}
