package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.model.CreateUserRequest;
import dev.tokend.sdk.model.GetUsersResponse;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.sdk.model.SlimRole;
import dev.tokend.sdk.model.UpdateUserPasswordRequest;
import dev.tokend.sdk.model.User;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.TestServerExtension;
import dev.tokend.testkit.Tokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users, roles, status, password and CLI keys (spec §2.0–2.2) through the real server. */
class UsersApiTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();


    private static ApiException error(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    @Test
    void userResolvesByMeUuidAndCaseInsensitiveUsername() {
        TestServer.Account member = server.createUser(server.owner());
        assertThat(member.client().user("me").id()).isEqualTo(member.id());
        assertThat(server.owner().client().user(member.id().toString()).username()).isEqualTo(member.username());
        assertThat(server.owner().client().user(member.username().toUpperCase()).id()).isEqualTo(member.id());
    }

    @Test
    void userJsonHasTheReferenceFieldsAndNoPasswordHash() {
        RawHttp.Response r = server.http().get("/api/v2/users/me").sessionToken(server.owner().token()).send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().fieldNames()).toIterable().containsExactlyInAnyOrder("id", "username", "name", "email",
                "avatar_url", "created_at", "updated_at", "last_seen_at", "status", "login_type", "theme_preference",
                "organization_ids", "roles");
        assertThat(r.json().path("roles").get(0).path("name").asText()).isEqualTo("owner");
        assertThat(r.json().path("roles").get(0).path("display_name").asText()).isEqualTo("Owner");
        assertThat(r.body()).doesNotContain("pbkdf2");
    }

    @Test
    void memberCannotSeeAnotherUserAndGetsTheSameAnswerAsForAMissingOne() {
        TestServer.Account a = server.createUser(server.owner());
        TestServer.Account b = server.createUser(server.owner());
        ApiException hidden = error(() -> a.client().user(b.username()));
        ApiException missing = error(() -> a.client().user("nobody-" + UUID.randomUUID().toString().substring(0, 8)));
        assertThat(hidden.status()).isEqualTo(400);
        assertThat(hidden.message()).isEqualTo("\"user\" must be an existing uuid or username.");
        assertThat(hidden.detail()).isEqualTo("queried user=\"" + b.username() + "\"");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.message()).isEqualTo(hidden.message());
    }

    @Test
    void listUsersShowsEveryoneToOwnersAndUserAdminsAndOnlyThemselvesToMembers() {
        TestServer.Account member = server.createUser(server.owner());
        TestServer.Account userAdmin = server.createUser(server.owner(), "user-admin");
        GetUsersResponse all = server.owner().client().users();
        assertThat(all.users()).extracting(User::id).contains(server.owner().id(), member.id(), userAdmin.id());
        assertThat(all.count()).isEqualTo(all.users().size());
        assertThat(userAdmin.client().users().users()).extracting(User::id).contains(server.owner().id(), member.id());
        GetUsersResponse own = member.client().users();
        assertThat(own.users()).extracting(User::id).containsExactly(member.id());
        assertThat(own.count()).isEqualTo(1);
    }

    @Test
    void listUsersFiltersAndPaginates() {
        TestServer.Account member = server.createUser(server.owner());
        GetUsersResponse found = server.owner().client().users(member.username(), 0, 0);
        assertThat(found.users()).extracting(User::username).containsExactly(member.username());
        GetUsersResponse page = server.owner().client().users(null, 1, 1);
        assertThat(page.users()).hasSize(1);
        assertThat(page.count()).isGreaterThan(1);
        assertThat(server.owner().client().users("status:suspended", 0, 0).users()).allMatch(u -> u.status().equals("suspended"));
        RawHttp.Response bad = server.http().get("/api/v2/users?limit=-1").sessionToken(server.owner().token()).send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.message()).isEqualTo("Query parameters have invalid values.");
        RawHttp.Response badQuery = server.http().get("/api/v2/users?q=colour:blue").sessionToken(server.owner().token()).send();
        assertThat(badQuery.status()).isEqualTo(400);
    }

    @Test
    void validatePasswordExplainsTheVerdict() {
        var weak = server.owner().client().validatePassword("password");
        assertThat(weak.valid()).isFalse();
        assertThat(weak.details()).startsWith("insecure password");
        var strong = server.owner().client().validatePassword("Correct-Horse-Battery-Staple-42");
        assertThat(strong.valid()).isTrue();
        assertThat(strong.details()).isEmpty();
        assertThat(server.http().post("/api/v2/users/validate-password").json(java.util.Map.of("password", "x"))
                .send().status()).isEqualTo(401);
    }

    @Test
    void searchAndUserParameterAreDataNotSyntax() {
        server.createUser(server.owner());
        assertThat(server.owner().client().users("%", 0, 0).users()).isEmpty();
        assertThat(server.owner().client().users("_", 0, 0).users()).isEmpty();
        assertThat(server.owner().client().users("' OR '1'='1", 0, 0).users()).isEmpty();
        ApiException injected = error(() -> server.owner().client().user("x' OR '1'='1"));
        assertThat(injected.status()).isEqualTo(400);
        assertThat(injected.message()).isEqualTo("\"user\" must be an existing uuid or username.");
    }

    @Test
    void createUserDefaultsToDormantAndRejectsDuplicatesCaseInsensitively() {
        String username = TestServer.uniqueUsername();
        User created = server.owner().client().createUser(new CreateUserRequest(username + "@example.com", username, "Name",
                TestServer.PASSWORD, "", List.of(server.owner().organizationId()), null));
        assertThat(created.status()).isEqualTo("dormant");
        assertThat(created.loginType()).isEqualTo("password");
        assertThat(created.organizationIds()).containsExactly(server.owner().organizationId());
        ApiException duplicate = error(() -> server.owner().client().createUser(new CreateUserRequest(
                username.toUpperCase() + "@EXAMPLE.com", username.toUpperCase(), "", TestServer.PASSWORD, "password",
                List.of(server.owner().organizationId()), null)));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.message()).isEqualTo("User already exists.");
        // Logging in activates the dormant user.
        String token = server.client().login(new LoginWithPasswordRequest(username + "@example.com",
                TestServer.PASSWORD)).sessionToken();
        assertThat(server.client(token).me().status()).isEqualTo("active");
    }

    @Test
    void createUserValidatesItsInput() {
        List<java.util.UUID> orgs = List.of(server.owner().organizationId());
        ApiException noOrg = error(() -> server.owner().client().createUser(
                new CreateUserRequest("x1@example.com", "x1", "", TestServer.PASSWORD, "password", List.of(), null)));
        assertThat(noOrg.status()).isEqualTo(400);
        assertThat(noOrg.message()).startsWith("No organization specified to place the user as a member of.");
        assertThat(noOrg.validations()).extracting(v -> v.field()).containsExactly("organization_ids");

        ApiException badEmail = error(() -> server.owner().client().createUser(
                new CreateUserRequest("not-an-email", "x2", "", TestServer.PASSWORD, "password", orgs, null)));
        assertThat(badEmail.message()).isEqualTo("Validation failed.");
        assertThat(badEmail.validations()).extracting(v -> v.field()).containsExactly("email");
        assertThat(badEmail.validations().get(0).detail())
                .isEqualTo("Validation failed for tag \"email\" with value: \"not-an-email\"");

        ApiException badUsername = error(() -> server.owner().client().createUser(
                new CreateUserRequest("x3@example.com", "-bad name-", "", TestServer.PASSWORD, "password", orgs, null)));
        assertThat(badUsername.validations()).extracting(v -> v.field()).containsExactly("username");

        ApiException weak = error(() -> server.owner().client().createUser(
                new CreateUserRequest("x4@example.com", "x4", "", "password", "password", orgs, null)));
        assertThat(weak.message()).isEqualTo("Password is invalid");
        assertThat(weak.validations()).extracting(v -> v.field()).containsExactly("password");

        ApiException passwordForNone = error(() -> server.owner().client().createUser(
                new CreateUserRequest("x5@example.com", "x5", "", TestServer.PASSWORD, "none", orgs, null)));
        assertThat(passwordForNone.message())
                .isEqualTo("Password cannot be set for non-password (\"none\") authentication.");

        ApiException oidc = error(() -> server.owner().client().createUser(
                new CreateUserRequest("x6@example.com", "x6", "", "", "oidc", orgs, null)));
        assertThat(oidc.message()).isEqualTo("You must configure OIDC before creating OIDC users.");

        ApiException unknownOrg = error(() -> server.owner().client().createUser(new CreateUserRequest(
                "x7@example.com", "x7", "", TestServer.PASSWORD, "password", List.of(UUID.randomUUID()), null)));
        assertThat(unknownOrg.status()).isEqualTo(400);
    }

    @Test
    void membersCannotCreateUsers() {
        TestServer.Account member = server.createUser(server.owner());
        ApiException denied = error(() -> member.client().createUser(new CreateUserRequest("y@example.com", "y1",
                "", TestServer.PASSWORD, "password", List.of(server.owner().organizationId()), null)));
        assertThat(denied.status()).isEqualTo(403);
    }

    @Test
    void rolesAreAssignedWithoutEscalation() {
        TestServer.Account member = server.createUser(server.owner());
        TestServer.Account userAdmin = server.createUser(server.owner(), "user-admin");
        User auditor = userAdmin.client().updateRoles(member.id().toString(), List.of("auditor", "member"));
        assertThat(auditor.roles()).extracting(SlimRole::name).containsExactly("auditor");
        ApiException toOwner = error(() -> userAdmin.client().updateRoles(member.id().toString(), List.of("owner")));
        assertThat(toOwner.status()).isEqualTo(403);
        ApiException self = error(() -> userAdmin.client().updateRoles("me", List.of()));
        assertThat(self.message()).isEqualTo("You cannot change your own roles.");
        ApiException unknown = error(() -> server.owner().client().updateRoles(member.id().toString(), List.of("superuser")));
        assertThat(unknown.status()).isEqualTo(400);
        ApiException memberTries = error(() -> member.client().updateRoles(userAdmin.id().toString(), List.of()));
        assertThat(memberTries.status()).isIn(400, 403);
    }

    @Test
    void suspendRulesAndSuspensionKeepsKeys() {
        TestServer.Account member = server.createUser(server.owner());
        assertThat(error(() -> server.owner().client().suspendUser("me")).message()).isEqualTo("You cannot suspend yourself.");
        TestServer.Account otherOwner = server.createUser(server.owner(), "owner");
        assertThat(error(() -> server.owner().client().suspendUser(otherOwner.id().toString())).message())
                .isEqualTo("You cannot suspend a user with the \"owner\" role. You must remove the role first.");
        assertThat(server.owner().client().suspendUser(member.id().toString()).status()).isEqualTo("suspended");
        assertThat(server.dbGen().keyExists(Tokens.idOf(member.token()))).isTrue();
        ApiException login = error(() -> server.client().login(new LoginWithPasswordRequest(member.email(),
                TestServer.PASSWORD)));
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.message()).isEqualTo("Your account is suspended. Contact an admin to reactivate your account.");
        assertThat(server.owner().client().activateUser(member.id().toString()).status()).isEqualTo("active");
        assertThat(member.client().me().id()).isEqualTo(member.id());
    }

    @Test
    void membersCannotSuspendOthers() {
        TestServer.Account auditor = server.createUser(server.owner(), "auditor");
        TestServer.Account member = server.createUser(server.owner());
        ApiException denied = error(() -> auditor.client().suspendUser(member.id().toString()));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.message()).isEqualTo("Forbidden.");
    }

    @Test
    void deletingAUserDeletesTheirKeysAndFreesTheirName() {
        TestServer.Account member = server.createUser(server.owner());
        assertThat(error(() -> server.owner().client().deleteUser("me")).message()).isEqualTo("You cannot delete yourself!");
        assertThat(server.owner().client().deleteUser(member.id().toString()).message()).isEqualTo("User has been deleted!");
        RawHttp.Response r = server.http().get("/api/v2/users/me").sessionToken(member.token()).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.detail()).isEqualTo("API key is invalid.");
        assertThat(server.dbGen().keyExists(Tokens.idOf(member.token()))).isFalse();
        // The username and email can be used again.
        User again = server.owner().client().createUser(new CreateUserRequest(member.email(), member.username(), "",
                TestServer.PASSWORD, "password", List.of(server.owner().organizationId()), "active"));
        assertThat(again.id()).isNotEqualTo(member.id());
    }

    @Test
    void changingAPasswordDeletesEveryKeyOfTheUser() {
        TestServer.Account member = server.createUser(server.owner());
        String cliKey = member.client().createApiKey("me").key();
        String named = server.dbGen().apiKey(member.id()).namedToken("ci").insert().token();
        String newPassword = "AnotherSecurePassword!7";
        member.client().updatePassword("me", new UpdateUserPasswordRequest(TestServer.PASSWORD, newPassword));
        for (String token : List.of(member.token(), cliKey, named)) {
            assertThat(server.dbGen().keyExists(Tokens.idOf(token))).isFalse();
        }
        assertThat(server.client().login(new LoginWithPasswordRequest(member.email(), newPassword)).sessionToken())
                .isNotBlank();
    }

    @Test
    void passwordChangeChecksOldPasswordForSelfOnlyAndRejectsWeakOrUnchanged() {
        TestServer.Account member = server.createUser(server.owner());
        String self = "me";
        assertThat(error(() -> member.client().updatePassword(self,
                new UpdateUserPasswordRequest("", "AnotherSecurePassword!7"))).message())
                .isEqualTo("Old password is required.");
        ApiException wrongOld = error(() -> member.client().updatePassword(self,
                new UpdateUserPasswordRequest("WrongPassword!123", "AnotherSecurePassword!7")));
        assertThat(wrongOld.message()).isEqualTo("Old password is incorrect.");
        assertThat(wrongOld.validations()).extracting(v -> v.field()).containsExactly("old_password");
        ApiException weak = error(() -> member.client().updatePassword(self,
                new UpdateUserPasswordRequest(TestServer.PASSWORD, "weak")));
        assertThat(weak.message()).isEqualTo("Invalid password.");
        assertThat(error(() -> member.client().updatePassword(self,
                new UpdateUserPasswordRequest(TestServer.PASSWORD, TestServer.PASSWORD))).message())
                .isEqualTo("New password cannot match old password.");
        // An server.owner() resets a member's password without knowing the old one.
        TestServer.Account admin = server.freshSession(server.owner());
        admin.client().updatePassword(member.id().toString(), new UpdateUserPasswordRequest(null, "ResetByOwner!2026"));
        assertThat(server.client().login(new LoginWithPasswordRequest(member.email(), "ResetByOwner!2026")).sessionToken())
                .isNotBlank();
    }

    @Test
    void cliKeysAreMintedForSelfOrByOwnersButNotForOthers() {
        TestServer.Account member = server.createUser(server.owner());
        TestServer.Account other = server.createUser(server.owner());
        RawHttp.Response mine = server.http().post("/api/v2/users/me/keys").sessionToken(member.token()).send();
        assertThat(mine.status()).isEqualTo(201);
        String key = mine.json().path("key").asText();
        assertThat(server.client(key).me().id()).isEqualTo(member.id());
        assertThat(mine.cookies()).isEmpty();
        assertThat(server.owner().client().createApiKey(member.id().toString()).key()).isNotBlank();
        ApiException denied = error(() -> member.client().createApiKey(other.id().toString()));
        assertThat(denied.status()).isEqualTo(400); // the other user is not even visible to a member
    }

    @Test
    void systemUsersNeverReceiveKeys() {
        UUID system = UUID.randomUUID();
        server.jdbi().useHandle(h -> h.execute("INSERT INTO users (id, email, username, created_at, updated_at, "
                + "status, is_system) VALUES (?, 'system@tokend.internal', ?, now(), now(), 'active', true)",
                system, "system-" + system.toString().substring(0, 8)));
        ApiException denied = error(() -> server.owner().client().createApiKey(system.toString()));
        assertThat(denied.status()).isEqualTo(403);
    }
}
