package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.testkit.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.sdk.TokendJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user with 100 000 expired tokens and 10 live ones: listing reads only the live rows through an
 * index range on expiry (the partial index on (user_id, expires_at) for tokens, or the expiry index
 * the purge job uses, whichever the planner costs lower), and the expired ones are filtered in SQL.
 */
class TokenListingPlanTest {

    private static void collectScansOfApiKeys(JsonNode node, List<JsonNode> into) {
        if ("api_keys".equals(node.path("Relation Name").asText())) {
            into.add(node);
        }
        node.path("Plans").forEach(child -> collectScansOfApiKeys(child, into));
    }

    @Test
    void liveTokensOfAUserAreFoundThroughTheIndexNotAScan() throws Exception {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            var now = server.clock().instant();
            server.jdbi().useHandle(h -> {
                h.createUpdate("""
                        INSERT INTO api_keys (id, hashed_secret, user_id, last_used, expires_at, created_at, updated_at,
                                              login_type, lifetime_seconds, token_name)
                        SELECT 'x' || lpad(n::text, 9, '0'), '\\x00', :user, CAST(:now AS timestamptz),
                               CAST(:now AS timestamptz) - make_interval(secs => n),
                               CAST(:now AS timestamptz) - interval '30 days', CAST(:now AS timestamptz), 'token',
                               3600, 'expired-' || n
                        FROM generate_series(1, 100000) AS n""").bind("user", owner.id()).bind("now", now).execute();
                h.createUpdate("""
                        INSERT INTO api_keys (id, hashed_secret, user_id, last_used, expires_at, created_at, updated_at,
                                              login_type, lifetime_seconds, token_name)
                        SELECT 'y' || lpad(n::text, 9, '0'), '\\x00', :user, CAST(:now AS timestamptz),
                               CAST(:now AS timestamptz) + interval '1 day', CAST(:now AS timestamptz),
                               CAST(:now AS timestamptz), 'token', 86400, 'live-' || n
                        FROM generate_series(1, 10) AS n""").bind("user", owner.id()).bind("now", now).execute();
                h.execute("ANALYZE api_keys");
            });
            String sql = dev.tokend.server.db.NamedQueries.load().get("listLiveTokensOfUser");
            String json = server.jdbi().withHandle(h -> h.createQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                    .bind("userId", owner.id()).bind("now", now).mapTo(String.class).one());
            JsonNode plan = TokendJson.mapper().readTree(json).get(0).get("Plan");
            List<JsonNode> scans = new ArrayList<>();
            collectScansOfApiKeys(plan, scans);
            assertThat(scans).as(json).isNotEmpty().allSatisfy(scan -> {
                // An index range scan on expiry: the 100 000 expired rows are never read, let alone filtered.
                assertThat(scan.path("Node Type").asText()).as(json).isNotEqualTo("Seq Scan").contains("Index");
                long examined = scan.path("Actual Rows").asLong() + scan.path("Rows Removed by Filter").asLong();
                assertThat(examined).as(json).isLessThanOrEqualTo(100);
            });

            assertThat(owner.client().tokens("me", false, false)).hasSize(10);
            assertThat(owner.client().tokens("me", false, true)).hasSize(100_010);
        }
    }
}
