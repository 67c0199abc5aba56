package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wire details left from the first wave (issue 15): audit wording and links, organization roles. */
class WireDetailsTest {
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

    private static JsonNode audit(String q) {
        return server.http().get("/api/v2/audit?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
                .sessionToken(owner.token()).send().json().path("audit_logs");
    }

    @Test
    void aFailedWriteReadsAsTheReferenceWordsIt() {
        // Nobody may suspend themselves: a refused user write, audited with its status.
        RawHttp.Response r = server.http().put("/api/v2/users/me/status/suspend").sessionToken(owner.token()).send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(audit("resource_type:user action:write username:" + owner.username()))
                .anySatisfy(row -> assertThat(row.path("description").asText())
                        .isEqualTo("{user} unsuccessfully attempted to write user " + owner.username()));
    }

    @Test
    void userRowsLinkToTheUsersPageAndKeyRowsNowhere() {
        TestServer.Account member = server.createUser(owner);
        JsonNode created = audit("resource_type:user action:create resource_target:" + member.username());
        assertThat(created).isNotEmpty();
        assertThat(created.get(0).path("resource_link").asText()).isEqualTo("/users?filter=" + member.username());
        JsonNode logins = audit("resource_type:api_key action:login");
        assertThat(logins).isNotEmpty();
        assertThat(logins.get(0).path("resource_link").asText()).isEmpty();
    }

    @Test
    void explicitOrganizationRolesAreListedWithTheirOrganization() {
        TestServer.Account member = server.createUser(owner);
        server.jdbi().useHandle(h -> h.execute("UPDATE organization_members SET roles = '{organization-admin}' "
                + "WHERE user_id = ?", member.id()));
        JsonNode roles = server.http().get("/api/v2/users/" + member.id()).sessionToken(owner.token()).send().json()
                .path("roles");
        assertThat(roles).anySatisfy(role -> {
            assertThat(role.path("name").asText()).isEqualTo("organization-admin");
            assertThat(role.path("display_name").asText()).isEqualTo("Organization Admin");
            assertThat(role.path("organization_id").asText()).isEqualTo(owner.organizationId().toString());
        });
        JsonNode ownerRoles = server.http().get("/api/v2/users/me").sessionToken(owner.token()).send().json()
                .path("roles");
        assertThat(ownerRoles).hasSize(1);
        assertThat(ownerRoles.get(0).path("name").asText()).isEqualTo("owner");
        assertThat(ownerRoles.get(0).has("organization_id")).isFalse();
    }
}
