package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The purge job (reference §7) driven by an injected clock. */
class PurgeTest {

    @Test
    void deletesExactlyTheKeysExpiredLongerThanTheRetention() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            String early = owner.client().createToken("me", CreateTokenRequest.of("early", Duration.ofHours(1), null,
                    null)).key();
            String late = owner.client().createToken("me", CreateTokenRequest.of("late", Duration.ofHours(49), null,
                    null)).key();
            String session = DbGen.of(server).apiKey(owner.id()).lifetime(Duration.ofHours(2)).sliding(false)
                    .insert().token();
            // 7 days (the default retention) after "early" and the session expired, but not "late".
            server.clock().advance(Duration.ofDays(7).plusHours(2).plusSeconds(1));
            TestServer.Account admin = server.freshSession(owner);
            assertThat(admin.client().tokens("me", false, true)).extracting(ApiKeyWithOwner::tokenName)
                    .containsExactlyInAnyOrder("early", "late");

            assertThat(server.server().purger().runOnce().apiKeys()).isEqualTo(2);
            DbGen gen = DbGen.of(server);
            assertThat(gen.keyExists(Tokens.idOf(early))).isFalse();
            assertThat(gen.keyExists(Tokens.idOf(session))).isFalse();
            assertThat(gen.keyExists(Tokens.idOf(late))).isTrue();
            assertThat(admin.client().tokens("me", false, true)).extracting(ApiKeyWithOwner::tokenName)
                    .containsExactly("late");
            assertThat(server.server().purger().runOnce().apiKeys()).isZero();
            assertThat(server.server().metrics().get("tokend_purge_deleted_api_keys").counter().count())
                    .isEqualTo(2.0);
        }
    }

    @Test
    void aFailedRunIsCountedAndTheNextOneWorks() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            String token = owner.client().createToken("me", CreateTokenRequest.of("t", Duration.ofHours(1), null, null))
                    .key();
            server.clock().advance(Duration.ofDays(8));
            var failures = server.server().metrics().get("tokend_purge_runs").tag("outcome", "failure").counter();
            double before = failures.count();
            dev.tokend.testkit.TestDatabase.disconnect(server.databaseName());
            try {
                server.server().purger().tick(); // must not throw
            } finally {
                dev.tokend.testkit.TestDatabase.reconnect(server.databaseName());
            }
            assertThat(failures.count()).isEqualTo(before + 1);
            // The next run works: the pool may first hand out a connection the outage killed (that run
            // fails and is counted too), so allow a few runs, bounded.
            boolean gone = false;
            for (int run = 0; run < 10 && !gone; run++) {
                server.server().purger().tick();
                try {
                    gone = !DbGen.of(server).keyExists(Tokens.idOf(token));
                } catch (org.jdbi.v3.core.JdbiException deadConnection) {
                    gone = false; // the test's own read met a connection the outage killed
                }
            }
            assertThat(DbGen.of(server).keyExists(Tokens.idOf(token))).isFalse();
        }
    }

    @Test
    void zeroRetentionDisablesPurging() {
        try (TestServer server = TestServer.start(o -> o.withApiKeysRetention(Duration.ZERO))) {
            TestServer.Account owner = server.createFirstUser();
            String token = owner.client().createToken("me", CreateTokenRequest.of("t", Duration.ofHours(1), null, null))
                    .key();
            server.clock().advance(Duration.ofDays(365));
            assertThat(server.server().purger().runOnce().apiKeys()).isZero();
            assertThat(DbGen.of(server).keyExists(Tokens.idOf(token))).isTrue();
        }
    }

    @Test
    void anotherReplicaHoldingTheLockMakesTheRunSkip() throws SQLException {
        try (TestServer server = TestServer.start()) {
            server.createFirstUser();
            // A plain connection of its own: Jdbi would hand a nested call the same session (and the
            // same, re-entrant, advisory lock).
            try (Connection other = server.server().database().dataSource().getConnection();
                    Statement st = other.createStatement()) {
                st.execute("SELECT pg_advisory_lock(7324517002)");
                assertThat(server.server().purger().runOnce().skipped()).isTrue();
                st.execute("SELECT pg_advisory_unlock(7324517002)");
            }
            assertThat(server.server().purger().runOnce()).extracting(r -> r.skipped(), r -> r.apiKeys())
                    .containsExactly(false, 0);
        }
    }
}
