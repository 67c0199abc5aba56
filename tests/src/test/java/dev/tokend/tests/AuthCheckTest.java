package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.TestServerExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/v2/authcheck} and {@code GET /api/v2/auth/scopes} through the real server. */
class AuthCheckTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();

    private static final String WS1 = "11111111-1111-1111-1111-111111111111";
    private static final String WS2 = "22222222-2222-2222-2222-222222222222";

    private static TestServer.Account member;
    private static TestServer.Account other;

    @BeforeAll
    static void users() {
        member = server.createUser(server.owner());
        other = server.createUser(server.owner());
    }

    private static Map<String, Object> check(String type, String owner, String id, String action) {
        Map<String, Object> object = new java.util.HashMap<>();
        object.put("resource_type", type);
        if (owner != null) {
            object.put("owner_id", owner);
        }
        if (id != null) {
            object.put("resource_id", id);
        }
        return Map.of("object", object, "action", action);
    }

    private static JsonNode ask(String token, Map<String, Object> checks) {
        RawHttp.Response r = server.http().post("/api/v2/authcheck").sessionToken(token)
                .json(Map.of("checks", checks)).send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void scopesListIsPublicSortedAndExternalOnly() {
        RawHttp.Response r = server.http().get("/api/v2/auth/scopes").send();
        assertThat(r.status()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        r.json().path("external").forEach(n -> names.add(n.asText()));
        assertThat(names).isSorted().contains("coder:all", "all", "application_connect", "coder:application_connect",
                "api_key:read", "api_key:*", "workspace:ssh", "coder:workspaces.create", "coder:apikeys.manage_self")
                .doesNotContain("no_user_data");
    }

    @Test
    void answersFollowTheCallersRoles() {
        Map<String, Object> checks = Map.of(
                "own-keys", check("api_key", "me", null, "read"),
                "others-keys", check("api_key", other.id().toString(), null, "read"),
                "create-users", check("user", null, null, "create"),
                "audit", check("audit_log", null, null, "read"));
        JsonNode asMember = ask(member.token(), checks);
        assertThat(asMember.path("own-keys").asBoolean()).isTrue();
        assertThat(asMember.path("others-keys").asBoolean()).isFalse();
        assertThat(asMember.path("create-users").asBoolean()).isFalse();
        assertThat(asMember.path("audit").asBoolean()).isFalse();
        JsonNode asOwner = ask(server.owner().token(), checks);
        assertThat(asOwner.path("others-keys").asBoolean()).isTrue();
        assertThat(asOwner.path("create-users").asBoolean()).isTrue();
        assertThat(asOwner.path("audit").asBoolean()).isTrue();
    }

    @Test
    void answersFollowTheTokensScopesAndAllowList() {
        String scoped = server.dbGen().apiKey(member.id()).namedToken(TestServer.uniqueTokenName())
                .scopes(List.of("workspace:read", "workspace:ssh")).allowList(List.of("workspace:" + WS1)).insert()
                .token();
        JsonNode answers = ask(scoped, Map.of(
                "read-ws1", check("workspace", "me", WS1, "read"),
                "ssh-ws1", check("workspace", "me", WS1, "ssh"),
                "read-ws2", check("workspace", "me", WS2, "read"),
                "delete-ws1", check("workspace", "me", WS1, "delete"),
                "others-ws1", check("workspace", other.id().toString(), WS1, "read"),
                "own-keys", check("api_key", "me", null, "read")));
        assertThat(answers.path("read-ws1").asBoolean()).isTrue();
        assertThat(answers.path("ssh-ws1").asBoolean()).isTrue();
        assertThat(answers.path("read-ws2").asBoolean()).isFalse();
        assertThat(answers.path("delete-ws1").asBoolean()).isFalse();
        assertThat(answers.path("others-ws1").asBoolean()).isFalse();
        assertThat(answers.path("own-keys").asBoolean()).isFalse();
    }

    @Test
    void servicesAskThroughTheSdkVerifier() {
        var verifier = dev.tokend.sdk.verify.TokenVerifier.builder(server.client()).build();
        assertThat(verifier.verify(member.token())).isInstanceOf(dev.tokend.sdk.verify.VerificationResult.Verified.class);
        var request = new dev.tokend.sdk.model.AuthorizationRequest(Map.of(
                "own", new dev.tokend.sdk.model.AuthorizationRequest.Check(
                        new dev.tokend.sdk.model.AuthorizationRequest.AuthObject("api_key", "me", null, null), "read"),
                "others", new dev.tokend.sdk.model.AuthorizationRequest.Check(
                        new dev.tokend.sdk.model.AuthorizationRequest.AuthObject("api_key", other.id().toString(),
                                null, null), "read")));
        assertThat(verifier.authorize(member.token(), request)).containsEntry("own", true).containsEntry("others", false);
    }

    @Test
    void badChecksAreRefusedAndAnonymousCallersAreUnauthorized() {
        RawHttp.Response bad = server.http().post("/api/v2/authcheck").sessionToken(member.token())
                .json(Map.of("checks", Map.of("x", check("spaceship", null, null, "fly"),
                        "y", check("workspace", "not-a-uuid", null, "read"),
                        "z", check("workspace", null, null, "fly")))).send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("validations")).hasSize(3);
        assertThat(server.http().post("/api/v2/authcheck").json(Map.of("checks", Map.of())).send().status())
                .isEqualTo(401);
        assertThat(ask(member.token(), Map.of()).size()).isZero();
    }
}
