package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.auth.TokenFormat;
import dev.tokend.server.auth.TokenKind;
import dev.tokend.server.db.NotificationListener;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.TestServer;
import io.micrometer.core.instrument.Counter;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The validation cache through the real server (issue 10): queries per request, expiry, floods, a lost listener. */
class ValidationCacheTest {
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

    private static Counter lookups() {
        return server.server().metrics().get("tokend_api_key_lookups").counter();
    }

    private static int me(String token) {
        return server.http().get("/api/v2/users/me").sessionToken(token).send().status();
    }

    @Test
    void aMissIsExactlyOneQueryAndAHitIsNone() {
        String token = DbGen.of(server).apiKey(owner.id()).insert().token();
        double before = lookups().count();
        assertThat(me(token)).isEqualTo(200);
        assertThat(lookups().count() - before).as("queries for a miss").isEqualTo(1.0);
        double afterMiss = lookups().count();
        assertThat(me(token)).isEqualTo(200);
        assertThat(server.http().get("/api/v2/users/me/keys/tokens").sessionToken(token).send().status())
                .isEqualTo(200);
        assertThat(lookups().count() - afterMiss).as("queries for hits").isEqualTo(0.0);
    }

    @Test
    void usersMeOnAHitTakesNoConnectionFromThePool() {
        String token = DbGen.of(server).apiKey(owner.id()).insert().token();
        assertThat(me(token)).isEqualTo(200);
        server.server().flushUsage();
        long before = checkouts();
        assertThat(me(token)).isEqualTo(200);
        assertThat(checkouts() - before).as("pool checkouts for a cached /users/me").isZero();
    }

    /** Connections handed out by the pool so far (HikariCP's usage timer counts every checkout). */
    private static long checkouts() {
        return server.server().metrics().get("hikaricp.connections.usage").timer().count();
    }

    @Test
    void aCachedKeyWhoseExpiryPassesIsRefusedAtOnce() {
        String token = DbGen.of(server).apiKey(owner.id()).namedToken(TestServer.uniqueTokenName())
                .lifetime(Duration.ofMinutes(30)).insert().token();
        assertThat(me(token)).isEqualTo(200);
        assertThat(me(token)).isEqualTo(200); // cached
        server.clock().advance(Duration.ofMinutes(30).plusSeconds(1));
        try {
            assertThat(me(token)).isEqualTo(401);
        } finally {
            server.clock().advance(Duration.ofMinutes(-30).minusSeconds(1));
        }
    }

    @Test
    void aFloodOfRandomWellFormedTokensIsABoundedNumberOfQueries() {
        // A server of its own: the flood spends the per-second budget for never-seen ids.
        try (TestServer flooded = TestServer.start()) {
            Counter queries = flooded.server().metrics().get("tokend_api_key_lookups").counter();
            SecureRandom rng = new SecureRandom();
            long started = System.nanoTime();
            int requests = 400;
            for (int i = 0; i < requests; i++) {
                String random = TokenFormat.generate(TokenKind.API_TOKEN, rng).token();
                assertThat(flooded.http().get("/api/v2/users/me").sessionToken(random).send().status())
                        .isEqualTo(401);
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
            // Never-seen ids are looked up within a budget of 100 a second (KeyCache.UNSEEN_LOOKUPS_PER_SECOND).
            assertThat(queries.count()).isLessThanOrEqualTo(100.0 * (seconds + 1)).isLessThan(requests);
        }
    }

    @Test
    void listenerKilledFromTheDatabaseSideFlushesReconnectsAndStaysCorrect() {
        String token = DbGen.of(server).apiKey(owner.id()).insert().token();
        assertThat(me(token)).isEqualTo(200);
        Counter reconnects = server.server().metrics().get("tokend_notification_listener_reconnects").counter();
        double before = reconnects.count();
        int killed = server.jdbi().withHandle(h -> h.createQuery("SELECT count(pg_terminate_backend(pid)) "
                        + "FROM pg_stat_activity WHERE application_name = :app AND datname = current_database()")
                .bind("app", NotificationListener.APPLICATION_NAME).mapTo(Integer.class).one());
        assertThat(killed).isEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((reconnects.count() == before || !server.server().keyCache().usable()) && System.nanoTime() < deadline) {
            server.server().keyCache().awaitUsable(Duration.ofMillis(100));
        }
        assertThat(reconnects.count()).isGreaterThan(before);
        assertThat(server.server().keyCache().usable()).isTrue();
        // Flushed: the next use is a miss again.
        double lookupsBefore = lookups().count();
        assertThat(me(token)).isEqualTo(200);
        assertThat(lookups().count() - lookupsBefore).isEqualTo(1.0);
        // And a revocation after the reconnection is still pushed.
        TestServer replica = server.replica();
        try {
            String other = DbGen.of(server).apiKey(owner.id()).insert().token();
            assertThat(me(other)).isEqualTo(200);
            replica.jdbi().useHandle(h -> h.execute("UPDATE api_keys SET expires_at = now() - interval '1 day' "
                    + "WHERE id = ?", dev.tokend.testkit.Tokens.idOf(other)));
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int status;
            do {
                status = me(other);
            } while (status != 401 && System.nanoTime() < until);
            assertThat(status).isEqualTo(401);
        } finally {
            replica.close();
        }
    }
}
