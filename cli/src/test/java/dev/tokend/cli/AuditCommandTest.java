package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.sdk.TokendJson;
import dev.tokend.sdk.model.AuditLogResponse;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.testkit.TestServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code tokend audit [query]} against a real server. */
class AuditCommandTest {
    private static TestServer server;
    private static TestServer.Account owner;
    private static String tokenName;
    private static CliRunner asOwner;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createFirstUser();
        tokenName = TestServer.uniqueTokenName();
        owner.client().createToken("me", CreateTokenRequest.of(tokenName, null, null, null));
        asOwner = CliRunner.signedIn(server, owner);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void auditShowsEntriesInATable() {
        CliRunner.Result result = asOwner.run("audit");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        var lines = result.out().lines().toList();
        assertThat(lines.get(0)).matches("TIME +USER +ACTION +RESOURCE +TARGET +STATUS");
        assertThat(lines).anyMatch(line -> line.matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +" + owner.username() + " +create +api_key +" + tokenName
                        + " +201"));
    }

    @Test
    void queryTermsAreJoinedAndFilter() {
        CliRunner.Result result = asOwner.run("audit", "resource_type:api_key", "action:create", "-c", "target");

        assertThat(result.out()).isEqualTo("TARGET\n" + tokenName + "\n");
    }

    @Test
    void jsonIsTheApisPageWithItsCount() throws IOException {
        JsonNode json = TokendJson.mapper().readTree(asOwner.run("audit", "-o", "json").out());
        AuditLogResponse page = TokendJson.mapper().treeToValue(json, AuditLogResponse.class);

        assertThat(page.count()).isPositive();
        assertThat(page.auditLogs()).isNotEmpty();
        assertThat(json.path("audit_logs").get(0).has("request_id")).isTrue();
    }

    @Test
    void limitAndOffsetPageAndTheRestIsAnnouncedOnStandardError() {
        CliRunner.Result first = asOwner.run("audit", "--limit", "1");
        CliRunner.Result second = asOwner.run("audit", "--limit", "1", "--offset", "1");

        assertThat(first.out().lines()).hasSize(2);
        assertThat(first.err()).startsWith("Showing 1-1 of ");
        assertThat(second.err()).startsWith("Showing 2-2 of ");
        assertThat(second.out()).isNotEqualTo(first.out());
    }

    @Test
    void noMatchSaysSo() {
        CliRunner.Result result = asOwner.run("audit", "resource_target:nothing-by-this-name");

        assertThat(result.out()).isEqualTo("No audit log entries found.\n");
    }

    @Test
    void badQueryShowsTheServersMessageAndValidations() {
        CliRunner.Result result = asOwner.run("audit", "colour:blue");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Invalid audit search query.").contains("colour");
    }

    @Test
    void membersMayNotReadTheAuditLog() {
        TestServer.Account member = server.createUser(owner);

        CliRunner.Result result = CliRunner.signedIn(server, member).run("audit");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: ");
    }

    @Test
    void negativeLimitIsAUsageError() {
        assertThat(asOwner.run("audit", "--limit", "-1").exitCode()).isEqualTo(2);
    }
}
