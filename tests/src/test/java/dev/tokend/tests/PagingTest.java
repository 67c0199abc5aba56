package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.testkit.TestServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 9: {@code limit=0} (or none) on users and audit returned every row. Pages hold at most 1000. */
class PagingTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();

    private static final int MAX = 1000;
    private static final int EXTRA = 5;

    @BeforeAll
    static void moreRowsThanAPage() {
        server.dbGen().users("paged", MAX + EXTRA);
        server.dbGen().auditRows(server.owner().id(), MAX + EXTRA);
    }

    private static JsonNode get(String path) {
        var r = server.http().get(path).sessionToken(server.owner().token()).send();
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.json();
    }

    @Test
    void usersWithoutLimitOrLimitZeroOrAHugeLimitGetOneCappedPageAndTheTotalCount() {
        for (String query : new String[] {"", "?limit=0", "?limit=100000"}) {
            JsonNode page = get("/api/v2/users" + query);
            assertThat(page.path("users").size()).as(query).isEqualTo(MAX);
            assertThat(page.path("count").asLong()).as(query).isEqualTo(MAX + EXTRA + 1); // + the owner
        }
        assertThat(get("/api/v2/users?limit=7").path("users").size()).isEqualTo(7);
        assertThat(get("/api/v2/users?offset=" + MAX).path("users").size()).isEqualTo(EXTRA + 1);
    }

    @Test
    void auditWithoutLimitOrLimitZeroOrAHugeLimitGetsOneCappedPageAndTheTotalCount() {
        for (String query : new String[] {"", "?limit=0", "?limit=100000"}) {
            JsonNode page = get("/api/v2/audit" + query);
            assertThat(page.path("audit_logs").size()).as(query).isEqualTo(MAX);
            assertThat(page.path("count").asLong()).as(query).isGreaterThanOrEqualTo(MAX + EXTRA);
        }
        assertThat(get("/api/v2/audit?limit=3").path("audit_logs").size()).isEqualTo(3);
    }
}
