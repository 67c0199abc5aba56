package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Revocation reaches every replica (issue 10): two tokend processes on one database, each with its
 * validation cache warm. A change made through one is refused by the other within a bounded wait
 * (the NOTIFY path), never after the cache's TTL.
 */
class ReplicaInvalidationTest {
    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(5);

    private static TestServer a;
    private static TestServer b;
    private static TestServer.Account owner;

    @BeforeAll
    static void start() {
        a = TestServer.start();
        b = a.replica();
        owner = a.createFirstUser();
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    private static int statusOnB(String path, String token) {
        return b.http().get(path).sessionToken(token).send().status();
    }

    /** Polls replica B (bounded, no sleep) until {@code expected} holds; returns the last status. */
    private static int awaitOnB(String path, String token, IntPredicate expected) {
        long deadline = System.nanoTime() + PROPAGATION_BOUND.toNanos();
        int status;
        do {
            status = statusOnB(path, token);
        } while (!expected.test(status) && System.nanoTime() < deadline);
        return status;
    }

    /** A member's named token, used once on B so that B caches it. */
    private static String cachedOnB(TestServer.Account who) {
        String token = who.client().createToken("me", CreateTokenRequest.of(TestServer.uniqueTokenName(), null,
                null, null)).key();
        assertThat(statusOnB("/api/v2/users/me", token)).isEqualTo(200);
        assertThat(statusOnB("/api/v2/users/me", token)).isEqualTo(200);
        return token;
    }

    @Test
    void expireOnOneReplicaIsRefusedOnTheOther() {
        TestServer.Account member = a.createUser(owner);
        String token = cachedOnB(member);
        assertThat(a.http().put("/api/v2/users/me/keys/" + Tokens.idOf(token) + "/expire")
                .sessionToken(member.token()).send().status()).isEqualTo(204);
        assertThat(awaitOnB("/api/v2/users/me", token, s -> s == 401)).isEqualTo(401);
    }

    @Test
    void deleteOnOneReplicaIsRefusedOnTheOther() {
        TestServer.Account member = a.createUser(owner);
        String token = cachedOnB(member);
        assertThat(a.http().delete("/api/v2/users/me/keys/" + Tokens.idOf(token)).sessionToken(member.token())
                .send().status()).isEqualTo(204);
        assertThat(awaitOnB("/api/v2/users/me", token, s -> s == 401)).isEqualTo(401);
    }

    @Test
    void patchNarrowingScopesIsSeenOnTheOther() {
        TestServer.Account member = a.createUser(owner);
        String name = TestServer.uniqueTokenName();
        String token = member.client().createToken("me", CreateTokenRequest.of(name, null, null, null)).key();
        assertThat(statusOnB("/api/v2/users/me", token)).isEqualTo(200);
        RawHttp.Response patch = a.http().patch("/api/v2/users/me/keys/tokens/" + name).sessionToken(member.token())
                .json(Map.of("scopes", List.of("api_key:read"))).send();
        assertThat(patch.status()).isEqualTo(200);
        assertThat(awaitOnB("/api/v2/users/me", token, s -> s != 200)).isIn(403, 404);
    }

    @Test
    void suspendOnOneReplicaIsRefusedOnTheOther() {
        TestServer.Account member = a.createUser(owner);
        String token = cachedOnB(member);
        assertThat(a.http().put("/api/v2/users/" + member.id() + "/status/suspend").sessionToken(owner.token())
                .send().status()).isEqualTo(200);
        assertThat(awaitOnB("/api/v2/users/me", token, s -> s == 401)).isEqualTo(401);
    }

    @Test
    void roleRemovalOnOneReplicaIsSeenOnTheOther() {
        TestServer.Account auditor = a.createUser(owner, "auditor");
        String token = cachedOnB(auditor);
        assertThat(statusOnB("/api/v2/audit", token)).isEqualTo(200);
        assertThat(a.http().put("/api/v2/users/" + auditor.id() + "/roles").sessionToken(owner.token())
                .json(Map.of("roles", List.of())).send().status()).isEqualTo(200);
        assertThat(awaitOnB("/api/v2/audit", token, s -> s == 403)).isEqualTo(403);
    }

    @Test
    void passwordChangeOnOneReplicaIsRefusedOnTheOther() {
        TestServer.Account member = a.createUser(owner);
        String token = cachedOnB(member);
        assertThat(a.http().put("/api/v2/users/" + member.id() + "/password").sessionToken(owner.token())
                .json(Map.of("password", "AnotherSecurePassword!42")).send().status()).isEqualTo(204);
        assertThat(awaitOnB("/api/v2/users/me", token, s -> s == 401)).isEqualTo(401);
    }

    @Test
    void userDeletionOnOneReplicaIsRefusedOnTheOther() {
        TestServer.Account member = a.createUser(owner);
        String token = cachedOnB(member);
        assertThat(a.http().delete("/api/v2/users/" + member.id()).sessionToken(owner.token()).send().status())
                .isEqualTo(200);
        assertThat(awaitOnB("/api/v2/users/me", token, s -> s == 401)).isEqualTo(401);
    }

    @Test
    void logoutOnOneReplicaIsRefusedOnTheOther() {
        TestServer.Account member = a.createUser(owner);
        String session = a.freshSession(member).token();
        assertThat(statusOnB("/api/v2/users/me", session)).isEqualTo(200);
        assertThat(a.http().post("/api/v2/users/logout").sessionToken(session).send().status()).isEqualTo(200);
        assertThat(awaitOnB("/api/v2/users/me", session, s -> s == 401)).isEqualTo(401);
    }

    @Test
    void aKeyMintedOnOneReplicaWorksAtOnceOnTheOther() {
        TestServer.Account member = a.createUser(owner);
        String token = member.client().createToken("me", CreateTokenRequest.of(TestServer.uniqueTokenName(), null,
                null, null)).key();
        assertThat(statusOnB("/api/v2/users/me", token)).isEqualTo(200);
    }

    @Test
    void aSessionSlidOnOneReplicaIsNotRefusedAsExpiredOnTheOther() {
        TestServer.Account member = a.createUser(owner);
        String session = DbGen.of(a).apiKey(member.id()).lifetime(Duration.ofHours(24)).insert().token();
        assertThat(statusOnB("/api/v2/users/me", session)).isEqualTo(200); // B caches the original expiry
        a.clock().advance(Duration.ofHours(20));
        b.clock().advance(Duration.ofHours(20));
        try {
            assertThat(a.http().get("/api/v2/users/me").sessionToken(session).send().status()).isEqualTo(200);
            a.server().flushUsage(); // A slid it to +24h and wrote it
            a.clock().advance(Duration.ofHours(6));
            b.clock().advance(Duration.ofHours(6));
            // B's cached entry says expired; B re-reads before refusing and finds the slid expiry.
            assertThat(statusOnB("/api/v2/users/me", session)).isEqualTo(200);
        } finally {
            a.clock().advance(Duration.ofHours(-26));
            b.clock().advance(Duration.ofHours(-26));
        }
    }
}
