package dev.tokend.tests;

import static dev.tokend.tests.TokensApiTest.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.model.AuditLog;
import dev.tokend.sdk.model.AuditLogResponse;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.sdk.model.UpdateTokenRequest;
import dev.tokend.sdk.model.UpdateUserPasswordRequest;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit log (reference §2.4, §6): every change in the same transaction, failures with their status. */
class AuditLogTest {

    private static List<AuditLog> logs(TestServer.Account admin, String q) {
        return admin.client().auditLogs(q, 0, 0).auditLogs();
    }

    @Test
    void tokenLifecycleIsAuditedWithoutSecrets() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            String name = TestServer.uniqueTokenName();
            String token = member.client().createToken("me", CreateTokenRequest.of(name, null, null, null)).key();
            String id = Tokens.idOf(token);
            member.client().updateToken("me", name, new UpdateTokenRequest(null, List.of("api_key:read", "user:read"),
                    null, null));
            member.client().expireApiKey("me", id);
            member.client().deleteApiKey("me", id);

            List<AuditLog> rows = logs(owner, "resource_type:api_key resource_target:" + name);
            assertThat(rows).extracting(AuditLog::action).containsExactly("delete", "write", "write", "create");
            AuditLog created = rows.get(3);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.resourceId()).isEqualTo(member.id());
            assertThat(created.user().id()).isEqualTo(member.id());
            assertThat(created.description()).isEqualTo("{user} created token " + name);
            @SuppressWarnings("unchecked")
            Map<String, Object> apiKey = (Map<String, Object>) created.additionalFields().get("api_key");
            assertThat(apiKey).containsEntry("id", id).containsEntry("token_name", name)
                    .containsEntry("scopes", List.of("coder:all"));
            assertThat(created.diff()).containsKeys("user_id", "expires_at", "created_at");
            AuditLog patched = rows.get(2);
            assertThat(patched.diff().get("scopes").newValue()).isEqualTo(List.of("api_key:read", "user:read"));
            assertThat(patched.diff().get("scopes").old()).isEqualTo(List.of("coder:all"));

            String everything = server.jdbi().withHandle(h -> h.createQuery(
                    "SELECT string_agg(a::text, E'\\n') FROM audit_logs a").mapTo(String.class).one());
            String secret = Tokens.secretOf(token);
            assertThat(everything).doesNotContain(secret)
                    .doesNotContain(HexFormat.of().formatHex(dev.tokend.server.auth.TokenFormat.hashSecret(secret)))
                    .doesNotContain(token).doesNotContain("pbkdf2").doesNotContain(TestServer.PASSWORD);
        }
    }

    @Test
    void createAndDeleteMakeExactlyTwoRows() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            String name = TestServer.uniqueTokenName();
            String token = owner.client().createToken("me", CreateTokenRequest.of(name, null, null, null)).key();
            owner.client().deleteApiKey("me", Tokens.idOf(token));
            assertThat(logs(owner, "resource_target:" + name)).hasSize(2);
        }
    }

    @Test
    void loginsLogoutsAndFailuresAreRecordedWithTheAttemptedUser() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            error(() -> server.client().login(new LoginWithPasswordRequest(member.email(), "WrongPassword!123")));
            error(() -> server.client().login(new LoginWithPasswordRequest("ghost@example.com", "WrongPassword!123")));
            member.client().logout();

            List<AuditLog> logins = logs(owner, "action:login");
            assertThat(logins).filteredOn(l -> l.statusCode() == 401).hasSize(2);
            assertThat(logins).filteredOn(l -> l.statusCode() == 401 && l.user() != null)
                    .singleElement().satisfies(l -> {
                        assertThat(l.user().id()).isEqualTo(member.id());
                        assertThat(l.description()).isEqualTo("{user} unsuccessfully attempted to login");
                    });
            assertThat(logins).filteredOn(l -> l.statusCode() == 201).extracting(l -> l.user().id())
                    .contains(owner.id(), member.id());
            List<AuditLog> logouts = logs(owner, "action:logout");
            assertThat(logouts).singleElement().satisfies(l -> {
                assertThat(l.user().id()).isEqualTo(member.id());
                assertThat(l.description()).isEqualTo("{user} logged out");
            });
        }
    }

    @Test
    void userChangesAndDeniedAttemptsAreAudited() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner, "auditor");
            String target = member.id().toString();
            owner.client().suspendUser(target);
            owner.client().activateUser(target);
            owner.client().updatePassword(target, new UpdateUserPasswordRequest(null, "ResetByOwner!2026"));
            String refreshed = server.client().login(new LoginWithPasswordRequest(member.email(), "ResetByOwner!2026"))
                    .sessionToken();
            // Denied: an auditor may not mint tokens for the owner.
            error(() -> server.client(refreshed).createToken(owner.id().toString(),
                    CreateTokenRequest.of("nope", null, null, null)));
            owner.client().deleteUser(target);

            List<AuditLog> users = logs(owner, "resource_type:user resource_id:" + target);
            assertThat(users).extracting(AuditLog::action)
                    .containsExactly("delete", "write", "write", "write", "write", "create");
            assertThat(users.get(1).diff()).containsKey("hashed_password");
            assertThat(users.get(1).diff().get("hashed_password").secret()).isTrue();
            assertThat(users.get(1).diff().get("hashed_password").old()).isEqualTo("");
            assertThat(users.get(0).isDeleted()).isTrue();
            assertThat(logs(owner, "resource_type:api_key action:create")).filteredOn(l -> l.statusCode() == 403)
                    .singleElement().satisfies(l -> assertThat(l.description())
                            .startsWith("{user} unsuccessfully attempted to create token"));
        }
    }

    @Test
    void dormantToActiveIsAuditedAsTheSystem() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            server.jdbi().useHandle(h -> h.execute("UPDATE users SET status = 'dormant' WHERE id = ?", member.id()));
            member.client().me();
            List<AuditLog> writes = logs(owner, "resource_type:user action:write resource_id:" + member.id());
            assertThat(writes).singleElement().satisfies(l -> {
                assertThat(l.user()).isNull();
                assertThat(l.diff().get("status").old()).isEqualTo("dormant");
                assertThat(l.diff().get("status").newValue()).isEqualTo("active");
            });
        }
    }

    @Test
    void auditRowAndChangeCommitTogether() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            server.jdbi().useHandle(h -> h.execute("ALTER TABLE audit_logs RENAME TO audit_logs_unavailable"));
            try {
                RawHttp.Response r = server.http().post("/api/v2/users/me/keys/tokens").sessionToken(owner.token())
                        .json(Map.of("token_name", "orphan")).send();
                assertThat(r.status()).isEqualTo(500);
            } finally {
                server.jdbi().useHandle(h -> h.execute("ALTER TABLE audit_logs_unavailable RENAME TO audit_logs"));
            }
            assertThat(owner.client().tokens("me", false, true)).isEmpty();
        }
    }

    @Test
    void queryFiltersCountsAndPagination() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            String name = TestServer.uniqueTokenName();
            RawHttp.Response created = server.http().post("/api/v2/users/me/keys/tokens").sessionToken(member.token())
                    .json(Map.of("token_name", name)).send();
            String requestId = created.header("X-Request-Id");

            assertThat(logs(owner, "request_id:" + requestId)).singleElement()
                    .satisfies(l -> assertThat(l.resourceTarget()).isEqualTo(name));
            assertThat(logs(owner, "username:" + member.username() + " action:create")).hasSize(1);
            assertThat(logs(owner, "email:" + member.email() + " action:create")).hasSize(1);
            assertThat(logs(owner, "username:me action:login")).allMatch(l -> l.user().id().equals(owner.id()));
            LocalDate today = LocalDate.ofInstant(server.clock().instant(), ZoneOffset.UTC);
            assertThat(logs(owner, "date_from:" + today + " date_to:" + today)).isNotEmpty();
            assertThat(logs(owner, "date_to:" + today.minusDays(1))).isEmpty();
            assertThat(logs(owner, "date_from:" + today.plusDays(1))).isEmpty();

            AuditLogResponse all = owner.client().auditLogs("", 0, 0);
            AuditLogResponse page = owner.client().auditLogs("", 2, 1);
            assertThat(page.count()).isEqualTo(all.count());
            assertThat(page.auditLogs()).hasSize(2);
            assertThat(page.auditLogs().get(0).id()).isEqualTo(all.auditLogs().get(1).id());
        }
    }

    @Test
    void badQueriesAndUnauthorisedReadersAreRefused() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            TestServer.Account auditor = server.createUser(owner, "auditor");
            for (String q : List.of("colour:blue", "resource_id:not-a-uuid", "date_from:2026-13-01", "action:fly",
                    "resource_type:spaceship")) {
                ApiException bad = error(() -> owner.client().auditLogs(q, 0, 0));
                assertThat(bad.status()).as(q).isEqualTo(400);
                assertThat(bad.message()).isEqualTo("Invalid audit search query.");
                assertThat(bad.validations()).as(q).isNotEmpty();
            }
            ApiException denied = error(() -> member.client().auditLogs("", 0, 0));
            assertThat(denied.status()).isEqualTo(403);
            assertThat(auditor.client().auditLogs("", 0, 0).count()).isPositive();
        }
    }
}
