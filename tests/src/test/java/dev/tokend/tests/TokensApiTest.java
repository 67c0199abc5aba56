package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.model.AllowListTarget;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.sdk.model.UpdateTokenRequest;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.TestServerExtension;
import dev.tokend.testkit.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Named tokens through the real server: create, list, view, update, expire, delete (reference §2.2). */
class TokensApiTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();


    static ApiException error(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    private static String create(TestServer.Account who, String user, String name) {
        return who.client().createToken(user, CreateTokenRequest.of(name, null, null, null)).key();
    }

    @Test
    void createdTokenWorksAndIsListedWithTheReferenceFields() {
        TestServer.Account member = server.createUser(server.owner());
        String name = TestServer.uniqueTokenName();
        RawHttp.Response created = server.http().post("/api/v2/users/me/keys/tokens").sessionToken(member.token())
                .json(Map.of("token_name", name)).send();
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().path("key").asText();
        assertThat(token).startsWith("tkdt_");
        assertThat(server.client(token).me().id()).isEqualTo(member.id());

        RawHttp.Response list = server.http().get("/api/v2/users/me/keys/tokens").sessionToken(member.token()).send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        var t = list.json().get(0);
        assertThat(t.path("id").asText()).isEqualTo(Tokens.idOf(token));
        assertThat(t.path("token_name").asText()).isEqualTo(name);
        assertThat(t.path("login_type").asText()).isEqualTo("token");
        assertThat(t.path("scope").asText()).isEqualTo("all");
        assertThat(t.path("scopes").get(0).asText()).isEqualTo("coder:all");
        assertThat(t.path("allow_list").get(0).path("type").asText()).isEqualTo("*");
        assertThat(t.path("allow_list").get(0).path("id").asText()).isEqualTo("*");
        assertThat(t.path("username").asText()).isEqualTo(member.username());
        assertThat(t.path("lifetime_seconds").asLong()).isEqualTo(Duration.ofDays(7).toSeconds());
        assertThat(list.body()).doesNotContain(Tokens.secretOf(token)).doesNotContain("hashed");
    }

    @Test
    void onlyNamedTokensAreListedNotSessionsOrCliKeys() {
        TestServer.Account member = server.createUser(server.owner());
        member.client().createApiKey("me");
        assertThat(member.client().tokens("me", false, true)).isEmpty();
        assertThat(server.http().get("/api/v2/users/me/keys/tokens").sessionToken(member.token()).send().body())
                .isEqualTo("[]");
    }

    @Test
    void duplicateNameIsAConflictNamingTheField() {
        TestServer.Account member = server.createUser(server.owner());
        String name = TestServer.uniqueTokenName();
        create(member, "me", name);
        ApiException dup = error(() -> create(member, "me", name));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.message()).isEqualTo("A token with name \"" + name + "\" already exists.");
        assertThat(dup.validations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("name");
            assertThat(v.detail()).isEqualTo("This value is already in use and should be unique.");
        });
        // The same name is fine for another user.
        TestServer.Account other = server.createUser(server.owner());
        assertThat(create(other, "me", name)).startsWith("tkdt_");
    }

    @Test
    void emptyNameGetsAGeneratedUniqueName() {
        TestServer.Account member = server.createUser(server.owner());
        create(member, "me", "");
        create(member, "me", "");
        List<ApiKeyWithOwner> tokens = member.client().tokens("me", false, false);
        assertThat(tokens).hasSize(2);
        assertThat(tokens).extracting(ApiKeyWithOwner::tokenName)
                .allMatch(n -> n.matches("[a-z]+_[a-z]+(_[0-9]+)?"))
                .doesNotHaveDuplicates();
    }

    @Test
    void expireKeepsTheRowDeleteRemovesIt() {
        TestServer.Account member = server.createUser(server.owner());
        String expiring = create(member, "me", TestServer.uniqueTokenName());
        String deleting = create(member, "me", TestServer.uniqueTokenName());
        member.client().expireApiKey("me", Tokens.idOf(expiring));
        member.client().expireApiKey("me", Tokens.idOf(expiring)); // idempotent
        member.client().deleteApiKey("me", Tokens.idOf(deleting));

        assertThat(member.client().tokens("me", false, false)).isEmpty();
        assertThat(member.client().tokens("me", false, true)).extracting(ApiKeyWithOwner::id)
                .containsExactly(Tokens.idOf(expiring));
        RawHttp.Response expired = server.http().get("/api/v2/users/me").sessionToken(expiring).send();
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.detail()).startsWith("API key expired at");
        RawHttp.Response deleted = server.http().get("/api/v2/users/me").sessionToken(deleting).send();
        assertThat(deleted.detail()).isEqualTo("API key is invalid.");
        assertThat(error(() -> member.client().apiKey("me", Tokens.idOf(deleting))).status()).isEqualTo(404);
    }

    @Test
    void expiringTwiceNeverMovesTheExpiryLater() {
        TestServer.Account member = server.createUser(server.owner());
        String token = create(member, "me", TestServer.uniqueTokenName());
        member.client().expireApiKey("me", Tokens.idOf(token));
        ApiKey first = member.client().apiKey("me", Tokens.idOf(token));
        server.clock().advance(Duration.ofMinutes(5));
        RawHttp.Response again = server.http().put("/api/v2/users/me/keys/" + Tokens.idOf(token) + "/expire")
                .sessionToken(server.freshSession(member).token()).send();
        assertThat(again.status()).isEqualTo(204);
        assertThat(server.freshSession(member).client().apiKey("me", Tokens.idOf(token)).expiresAt())
                .isEqualTo(first.expiresAt());
    }

    @Test
    void viewByNameAndById() {
        TestServer.Account member = server.createUser(server.owner());
        String name = TestServer.uniqueTokenName();
        String token = create(member, "me", name);
        ApiKey byName = member.client().token("me", name);
        ApiKey byId = member.client().apiKey("me", Tokens.idOf(token));
        assertThat(byName).isEqualTo(byId);
        assertThat(error(() -> member.client().token("me", name.toUpperCase())).status()).isEqualTo(404);
        ApiException missing = error(() -> member.client().token("me", "no-such-token"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.message()).isEqualTo("Resource not found or you do not have access to this resource");
        // Any key of the caller, sessions included, is addressable by id.
        assertThat(member.client().apiKey("me", Tokens.idOf(member.token())).loginType()).isEqualTo("password");
    }

    @Test
    void otherUsersKeysLookMissing() {
        TestServer.Account a = server.createUser(server.owner());
        TestServer.Account b = server.createUser(server.owner());
        String token = create(a, "me", TestServer.uniqueTokenName());
        String id = Tokens.idOf(token);
        assertThat(error(() -> b.client().apiKey("me", id)).status()).isEqualTo(404);
        assertThat(error(() -> b.client().deleteApiKey("me", id)).status()).isEqualTo(404);
        assertThat(error(() -> b.client().expireApiKey("me", id)).status()).isEqualTo(404);
        assertThat(server.client(token).me().id()).isEqualTo(a.id()); // untouched
        ApiException otherUser = error(() -> b.client().tokens(a.username(), false, false));
        assertThat(otherUser.status()).isEqualTo(400);
    }

    @Test
    void ownersActOnMembersKeys() {
        TestServer.Account member = server.createUser(server.owner());
        String name = TestServer.uniqueTokenName();
        String token = create(member, "me", name);
        TestServer.Account admin = server.freshSession(server.owner());
        assertThat(admin.client().tokens(member.id().toString(), false, false)).extracting(ApiKeyWithOwner::tokenName)
                .containsExactly(name);
        // The {user} segment is not cross-checked for key ids (reference K6): RBAC on the key decides.
        assertThat(admin.client().apiKey("me", Tokens.idOf(token)).userId()).isEqualTo(member.id());
        String forMember = create(admin, member.username(), TestServer.uniqueTokenName());
        assertThat(server.client(forMember).me().id()).isEqualTo(member.id());
        admin.client().deleteApiKey(member.id().toString(), Tokens.idOf(token));
        assertThat(server.http().get("/api/v2/users/me").sessionToken(token).send().status()).isEqualTo(401);
    }

    @Test
    void creatingForAnotherUserWithoutPermissionIsForbidden() {
        TestServer.Account auditor = server.createUser(server.owner(), "auditor");
        TestServer.Account member = server.createUser(server.owner());
        ApiException denied = error(() -> create(auditor, member.id().toString(), TestServer.uniqueTokenName()));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.message()).isEqualTo("Forbidden.");
    }

    @Test
    void includeAllListsEveryUsersTokensForOwnersAndOnlyOwnForMembers() {
        TestServer.Account a = server.createUser(server.owner());
        TestServer.Account b = server.createUser(server.owner());
        String ta = create(a, "me", TestServer.uniqueTokenName());
        String tb = create(b, "me", TestServer.uniqueTokenName());
        List<ApiKeyWithOwner> all = server.freshSession(server.owner()).client().tokens("me", true, false);
        assertThat(all).extracting(ApiKeyWithOwner::id).contains(Tokens.idOf(ta), Tokens.idOf(tb));
        assertThat(all).filteredOn(t -> t.id().equals(Tokens.idOf(tb))).extracting(ApiKeyWithOwner::username)
                .containsExactly(b.username());
        assertThat(a.client().tokens("me", true, false)).extracting(ApiKeyWithOwner::id)
                .containsExactly(Tokens.idOf(ta));
        RawHttp.Response bad = server.http().get("/api/v2/users/me/keys/tokens?include_all=maybe")
                .sessionToken(a.token()).send();
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void systemUsersNeverReceiveTokens() {
        UUID system = UUID.randomUUID();
        server.jdbi().useHandle(h -> h.execute("INSERT INTO users (id, email, username, created_at, updated_at, "
                + "status, is_system) VALUES (?, ?, ?, now(), now(), 'active', true)",
                system, "sys-" + system + "@tokend.internal", "sys-" + system.toString().substring(0, 8)));
        ApiException denied = error(() -> create(server.freshSession(server.owner()), system.toString(), "x"));
        assertThat(denied.status()).isEqualTo(403);
    }

    @Test
    void scopesAndAllowListsAreValidatedAndNormalised() {
        TestServer.Account member = server.createUser(server.owner());
        ApiException badScope = error(() -> member.client().createToken("me",
                CreateTokenRequest.of(TestServer.uniqueTokenName(), null, List.of("bogus:thing"), null)));
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.message()).isEqualTo("Failed to create API key.");
        assertThat(badScope.detail()).isEqualTo("invalid or unsupported API key scope: \"bogus:thing\"");

        RawHttp.Response badAllow = server.http().post("/api/v2/users/me/keys/tokens").sessionToken(member.token())
                .json(Map.of("token_name", TestServer.uniqueTokenName(), "allow_list", List.of("workspace"))).send();
        assertThat(badAllow.status()).isEqualTo(400);
        assertThat(badAllow.detail()).isEqualTo("invalid allow_list entry \"workspace\": want <type>:<id>");

        UUID ws = UUID.randomUUID();
        String name = TestServer.uniqueTokenName();
        RawHttp.Response ok = server.http().post("/api/v2/users/me/keys/tokens").sessionToken(member.token())
                .json(Map.of("token_name", name, "scopes", List.of("all", "workspace:read", "workspace:read"),
                        "allow_list", List.of(" Workspace:" + ws, Map.of("type", "template", "id", "*")))).send();
        assertThat(ok.status()).isEqualTo(201);
        ApiKey created = member.client().token("me", name);
        assertThat(created.scopes()).containsExactly("coder:all", "workspace:read");
        assertThat(created.allowList()).containsExactly(new AllowListTarget("template", "*"),
                new AllowListTarget("workspace", ws.toString()));
    }

    @Test
    void patchNarrowsAndResetsAndRefusesEscalation() {
        TestServer.Account member = server.createUser(server.owner());
        String name = TestServer.uniqueTokenName();
        String token = create(member, "me", name);

        ApiKey narrowed = member.client().updateToken("me", name,
                new UpdateTokenRequest(null, List.of("api_key:*", "user:read"), null, null));
        assertThat(narrowed.scopes()).containsExactly("api_key:*", "user:read");
        assertThat(narrowed.scope()).isEmpty();

        ApiException both = error(() -> member.client().updateToken("me", name,
                new UpdateTokenRequest("all", List.of("api_key:read"), null, null)));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.detail()).isEqualTo("provide either scope or scopes, not both");

        // The narrowed token may manage its own tokens but cannot give itself (or a new token) more.
        RawHttp.Response widen = server.http().patch("/api/v2/users/me/keys/tokens/" + name).sessionToken(token)
                .json(Map.of("scopes", List.of("coder:all"))).send();
        assertThat(widen.status()).isEqualTo(403);
        RawHttp.Response mint = server.http().post("/api/v2/users/me/keys/tokens").sessionToken(token)
                .json(Map.of("token_name", TestServer.uniqueTokenName())).send();
        assertThat(mint.status()).isEqualTo(403);
        RawHttp.Response narrowerStill = server.http().patch("/api/v2/users/me/keys/tokens/" + name).sessionToken(token)
                .json(Map.of("scopes", List.of("api_key:read", "user:read"))).send();
        assertThat(narrowerStill.status()).isEqualTo(200);

        ApiKey reset = member.client().updateToken("me", name,
                new UpdateTokenRequest(null, null, List.of(), Duration.ofHours(2).toNanos()));
        assertThat(reset.allowList()).containsExactly(new AllowListTarget("*", "*"));
        assertThat(reset.expiresAt()).isEqualTo(server.clock().instant().plus(Duration.ofHours(2)));
        assertThat(reset.lifetimeSeconds()).isEqualTo(7200);
        assertThat(reset.scopes()).containsExactly("api_key:read", "user:read");
    }

    @Test
    void patchOfAnUnknownOrForeignTokenIs404() {
        TestServer.Account a = server.createUser(server.owner());
        ApiException missing = error(() -> a.client().updateToken("me", "nope",
                new UpdateTokenRequest(null, List.of("api_key:read"), null, null)));
        assertThat(missing.status()).isEqualTo(404);
    }
}
