package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the holes of the key core found in review (issue 9), each named after what
 * broke. They go through the real server and database; concurrency is real threads, bounded.
 */
class KeyCoreRegressionTest {
    private static TestServer server;
    private static TestServer.Account owner;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createFirstUser();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(TestServer.Account who, List<String> scopes) {
        return who.client().createToken("me", CreateTokenRequest.of(TestServer.uniqueTokenName(), null, scopes, null))
                .key();
    }

    private static int meStatus(String token) {
        return server.http().get("/api/v2/users/me").sessionToken(token).send().status();
    }

    private static JsonNode audit(String query) {
        return server.http().get("/api/v2/audit?limit=1000&q=" + java.net.URLEncoder.encode(query,
                java.nio.charset.StandardCharsets.UTF_8)).sessionToken(owner.token()).send().json().path("audit_logs");
    }

    // 1. Escalation through other minting paths.

    @Test
    void scopedTokenCannotMintAnUnscopedCliKeyThroughUsersKeys() {
        String scoped = token(owner, List.of("api_key:create", "user:read"));
        RawHttp.Response res = server.http().post("/api/v2/users/me/keys").sessionToken(scoped).send();
        assertThat(res.status()).isEqualTo(403);
        assertThat(res.message()).isEqualTo("Forbidden.");
        // And the refused attempt is in the audit log.
        assertThat(audit("resource_type:api_key action:create")).anySatisfy(
                row -> assertThat(row.path("status_code").asInt()).isEqualTo(403));
    }

    @Test
    void scopedTokenCannotMintAnUnscopedCliKeyThroughCliAuth() {
        String scoped = token(owner, List.of("api_key:create", "user:read"));
        RawHttp.Response res = server.http().post("/cli-auth").sessionToken(scoped)
                .header("Content-Type", "application/x-www-form-urlencoded").body(new byte[0]).send();
        assertThat(res.status()).isEqualTo(403);
        assertThat(res.body()).doesNotContain("tkds_");
    }

    @Test
    void unscopedKeyStillMintsCliKeysOnBothPaths() {
        RawHttp.Response api = server.http().post("/api/v2/users/me/keys").sessionToken(owner.token()).send();
        assertThat(api.status()).isEqualTo(201);
        assertThat(meStatus(api.json().path("key").asText())).isEqualTo(200);
        RawHttp.Response page = server.http().post("/cli-auth").sessionToken(owner.token())
                .header("Content-Type", "application/x-www-form-urlencoded").body(new byte[0]).send();
        assertThat(page.status()).isEqualTo(201);
    }

    // 5. The /cli-auth mint writes an audit row, like every other mint.

    @Test
    void cliAuthMintIsAudited() {
        TestServer.Account member = server.createUser(owner);
        RawHttp.Response page = server.http().post("/cli-auth").sessionToken(member.token())
                .header("Content-Type", "application/x-www-form-urlencoded").body(new byte[0]).send();
        assertThat(page.status()).isEqualTo(201);
        assertThat(audit("resource_type:api_key action:create username:" + member.username()))
                .anySatisfy(row -> {
                    assertThat(row.path("status_code").asInt()).isEqualTo(201);
                    assertThat(row.path("user").path("id").asText()).isEqualTo(member.id().toString());
                });
    }

    // 2. Expiry can be undone.

    @Test
    void patchWithLifetimeDoesNotReviveAnExpiredToken() {
        String name = TestServer.uniqueTokenName();
        String token = owner.client().createToken("me", CreateTokenRequest.of(name, null, null, null)).key();
        assertThat(server.http().put("/api/v2/users/me/keys/" + Tokens.idOf(token) + "/expire")
                .sessionToken(owner.token()).send().status()).isEqualTo(204);
        RawHttp.Response patch = server.http().patch("/api/v2/users/me/keys/tokens/" + name)
                .sessionToken(owner.token()).json(Map.of("lifetime", Duration.ofHours(1).toNanos())).send();
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.detail()).contains("expired");
        assertThat(meStatus(token)).isEqualTo(401);
    }

    @Test
    void patchDoesNotReviveATokenExpiredByTime() {
        String name = TestServer.uniqueTokenName();
        String token = owner.client().createToken("me",
                CreateTokenRequest.of(name, Duration.ofHours(1), null, null)).key();
        TestServer.Account later = owner;
        server.clock().advance(Duration.ofHours(2));
        try {
            later = server.freshSession(owner);
            RawHttp.Response patch = server.http().patch("/api/v2/users/me/keys/tokens/" + name)
                    .sessionToken(later.token()).json(Map.of("lifetime", Duration.ofHours(1).toNanos())).send();
            assertThat(patch.status()).isEqualTo(400);
            assertThat(meStatus(token)).isEqualTo(401);
        } finally {
            server.clock().advance(Duration.ofHours(-2));
        }
    }

    @Test
    void concurrentPatchAndExpireNeverEndWithAUsableToken() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                String name = TestServer.uniqueTokenName();
                String token = owner.client().createToken("me", CreateTokenRequest.of(name, null, null, null)).key();
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> patch = pool.submit(() -> {
                    go.await();
                    return server.http().patch("/api/v2/users/me/keys/tokens/" + name).sessionToken(owner.token())
                            .json(Map.of("lifetime", Duration.ofHours(5).toNanos())).send().status();
                });
                Future<Integer> expire = pool.submit(() -> {
                    go.await();
                    return server.http().put("/api/v2/users/me/keys/" + Tokens.idOf(token) + "/expire")
                            .sessionToken(owner.token()).send().status();
                });
                go.countDown();
                assertThat(expire.get(30, TimeUnit.SECONDS)).isEqualTo(204);
                assertThat(patch.get(30, TimeUnit.SECONDS)).isIn(200, 400);
                assertThat(meStatus(token)).as("round %d", round).isEqualTo(401);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // 8. Concurrent DELETE of one key.

    @Test
    void concurrentDeletesOfOneKeySucceedOnceAndAuditOnce() throws Exception {
        TestServer.Account member = server.createUser(owner);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Tokens.idOf(token(member, null)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (String id : ids) {
                for (int i = 0; i < 5; i++) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        return server.http().delete("/api/v2/users/me/keys/" + id).sessionToken(member.token())
                                .send().status();
                    }));
                }
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : calls) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(Collections.frequency(statuses, 204)).isEqualTo(ids.size());
            assertThat(Collections.frequency(statuses, 404)).isEqualTo(calls.size() - ids.size());
        } finally {
            pool.shutdownNow();
        }
        JsonNode deletes = audit("resource_type:api_key action:delete username:" + member.username());
        List<String> successful = new ArrayList<>();
        deletes.forEach(row -> {
            if (row.path("status_code").asInt() == 204) {
                successful.add(row.path("additional_fields").path("api_key").path("id").asText());
            }
        });
        assertThat(successful).containsExactlyInAnyOrderElementsOf(ids);
    }

    // 6. Password change racing token creation.

    @Test
    void noTokenMintedWithTheOldCredentialsSurvivesAPasswordChange() throws Exception {
        TestServer.Account member = server.createUser(owner);
        String base = token(member, null);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<String> minted = Collections.synchronizedList(new ArrayList<>());
        try {
            CountDownLatch started = new CountDownLatch(2);
            List<Future<?>> minters = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                minters.add(pool.submit((Callable<Void>) () -> {
                    started.countDown();
                    for (int i = 0; i < 60; i++) {
                        RawHttp.Response r = server.http().post("/api/v2/users/me/keys/tokens").sessionToken(base)
                                .json(Map.of()).send();
                        if (r.status() == 201) {
                            minted.add(r.json().path("key").asText());
                        }
                    }
                    return null;
                }));
            }
            started.await(30, TimeUnit.SECONDS);
            RawHttp.Response change = server.http().put("/api/v2/users/" + member.id() + "/password")
                    .sessionToken(owner.token()).json(Map.of("password", "AnotherSecurePassword!42")).send();
            assertThat(change.status()).isEqualTo(204);
            List<String> seenAtCommit = List.copyOf(minted);
            for (Future<?> f : minters) {
                f.get(120, TimeUnit.SECONDS);
            }
            assertThat(meStatus(base)).isEqualTo(401);
            for (String t : seenAtCommit) {
                assertThat(meStatus(t)).as("a token minted before the change").isEqualTo(401);
            }
            for (String t : List.copyOf(minted)) {
                assertThat(meStatus(t)).as("a token minted on the strength of the old key").isEqualTo(401);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
