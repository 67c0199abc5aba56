package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.sdk.TokendJson;
import dev.tokend.sdk.model.User;
import dev.tokend.testkit.TestServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code tokend users ...} against a real server. */
class UsersCommandTest {
    private static TestServer server;
    private static TestServer.Account owner;
    private static TestServer.Account member;
    private static CliRunner asOwner;
    private static CliRunner asMember;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createFirstUser();
        member = server.createUser(owner);
        asOwner = CliRunner.signedIn(server, owner);
        asMember = CliRunner.signedIn(server, member);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A user made through the CLI without a password (no hashing), so tests stay fast. */
    private static String createPasswordless() {
        String username = TestServer.uniqueUsername();
        CliRunner.Result result = asOwner.run("users", "create", "-e", username + "@example.com", "-u", username,
                "--login-type", "none");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return username;
    }

    @Test
    void createWithAPasswordMakesADormantMemberOfTheOwnersOrganization() {
        String username = TestServer.uniqueUsername();

        CliRunner.Result result = asOwner.run("users", "create", "--email", username + "@example.com",
                "--username", username, "--full-name", "Alice Example", "--password", TestServer.PASSWORD);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("User " + username + " (" + username + "@example.com) has been created");
        User created = owner.client().user(username);
        assertThat(created.name()).isEqualTo("Alice Example");
        assertThat(created.status()).isEqualTo("dormant");
        assertThat(created.organizationIds()).containsExactly(owner.organizationId());
    }

    @Test
    void createAsksForThePasswordTwiceWhenNotGiven() {
        String username = TestServer.uniqueUsername();

        CliRunner.Result mismatch = asOwner.runWithInput(TestServer.PASSWORD + "\nother\n", "users", "create", "-e",
                username + "@example.com", "-u", username);
        CliRunner.Result created = asOwner.runWithInput(TestServer.PASSWORD + "\n" + TestServer.PASSWORD + "\n",
                "users", "create", "-e", username + "@example.com", "-u", username, "-o", "json");

        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.err()).contains("Passwords do not match.");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.err()).contains("Password for " + username);
        assertThat(created.out()).contains("\"username\" : \"" + username + "\"");
    }

    @Test
    void aWeakInteractivePasswordIsRefusedBeforeTheConfirmationAndAskedAgain() {
        String username = TestServer.uniqueUsername();

        CliRunner.Result created = asOwner.runWithInput(
                "short\n" + TestServer.PASSWORD + "\n" + TestServer.PASSWORD + "\n",
                "users", "create", "-e", username + "@example.com", "-u", username);

        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.err()).contains("That password is not accepted: ");
        assertThat(created.err().split("Confirm password:", -1)).hasSize(2);
        assertThat(created.err().split("Password for " + username, -1)).hasSize(3);
    }

    @Test
    void passwordStdinReadsThePasswordFromTheFirstLine() {
        String username = TestServer.uniqueUsername();

        CliRunner.Result created = asOwner.runWithInput(TestServer.PASSWORD + "\n", "users", "create", "-e",
                username + "@example.com", "-u", username, "--password-stdin");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.err()).doesNotContain("Password for");
        assertThat(server.client().login(new dev.tokend.sdk.model.LoginWithPasswordRequest(username + "@example.com",
                TestServer.PASSWORD)).sessionToken()).isNotBlank();
    }

    @Test
    void passwordStdinWithEmptyInputFailsClearly() {
        String username = TestServer.uniqueUsername();

        CliRunner.Result created = asOwner.runWithInput("", "users", "create", "-e", username + "@example.com",
                "-u", username, "--password-stdin");

        assertThat(created.exitCode()).isEqualTo(1);
        assertThat(created.err()).contains("--password-stdin: standard input ended");
    }

    @Test
    void oneLineUserActionsPrintTheUserAsJson() throws IOException {
        String username = createPasswordless();

        CliRunner.Result suspended = asOwner.run("users", "suspend", username, "-o", "json");
        CliRunner.Result roles = asOwner.run("users", "roles", username, "-o", "json");
        CliRunner.Result deleted = asOwner.run("users", "delete", username, "-o", "json");

        assertThat(TokendJson.mapper().readTree(suspended.out()).get("status").asText()).isEqualTo("suspended");
        assertThat(TokendJson.mapper().readTree(roles.out()).get("username").asText()).isEqualTo(username);
        assertThat(TokendJson.mapper().readTree(deleted.out()).get("message").asText()).contains("has been deleted");
    }

    @Test
    void completeListsUsernamesAndRoles() {
        String username = createPasswordless();

        assertThat(asOwner.run("__complete", "users").out().lines()).contains(username, owner.username());
        assertThat(asOwner.run("__complete", "users", username).out().lines()).containsExactly(username);
        assertThat(asOwner.run("__complete", "roles").out().lines())
                .containsExactly("auditor", "owner", "template-admin", "user-admin");
    }

    @Test
    void createWithoutRequiredOptionsIsAUsageError() {
        CliRunner.Result result = asOwner.run("users", "create", "-e", "x@example.com");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--username");
    }

    @Test
    void memberCannotCreateUsersAndSeesTheServersMessage() {
        CliRunner.Result result = asMember.run("users", "create", "-e", "m@example.com", "-u", "m",
                "--login-type", "none");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: ");
    }

    @Test
    void listShowsUsersInATableAndJson() throws IOException {
        String username = createPasswordless();

        CliRunner.Result table = asOwner.run("users", "list");
        JsonNode json = TokendJson.mapper().readTree(asOwner.run("users", "ls", "-o", "json").out());

        assertThat(table.out().lines().findFirst().orElseThrow()).matches("USERNAME +EMAIL +NAME +STATUS +ROLES +LAST SEEN");
        assertThat(table.out()).contains(owner.username()).contains(username);
        assertThat(json.isArray()).isTrue();
        assertThat(json.findValuesAsText("username")).contains(owner.username(), username);
    }

    @Test
    void listSearchFiltersAndAnEmptyResultSaysSo() {
        String username = createPasswordless();

        CliRunner.Result found = asOwner.run("users", "ls", "--search", username, "-c", "username");
        CliRunner.Result none = asOwner.run("users", "ls", "--search", "nobody-has-this-name");

        assertThat(found.out()).isEqualTo("USERNAME\n" + username + "\n");
        assertThat(none.out()).isEqualTo("No users found.\n");
    }

    @Test
    void showPrintsOneUser() throws IOException {
        CliRunner.Result table = asOwner.run("users", "show", member.username());
        JsonNode json = TokendJson.mapper().readTree(asOwner.run("users", "show", "me", "-o", "json").out());

        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains(member.id().toString()).contains(member.email());
        assertThat(json.path("id").asText()).isEqualTo(owner.id().toString());
        assertThat(json.path("roles").get(0).path("name").asText()).isEqualTo("owner");
    }

    @Test
    void showOfAnUnknownUserShowsTheServersMessageAndDetail() {
        CliRunner.Result result = asOwner.run("users", "show", "no-such-user");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("\"user\" must be an existing uuid or username.")
                .contains("queried user=\"no-such-user\"");
    }

    @Test
    void rolesAreSetShownAndCleared() {
        String username = createPasswordless();

        CliRunner.Result set = asOwner.run("users", "roles", username, "auditor", "user-admin");
        CliRunner.Result shown = asOwner.run("users", "roles", username);
        CliRunner.Result cleared = asOwner.run("users", "roles", username, "--clear");

        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.out()).contains("site roles: ").contains("auditor").contains("user-admin");
        assertThat(shown.out()).isEqualTo(set.out());
        assertThat(cleared.out()).isEqualTo("User " + username + " has no site roles.\n");
        assertThat(owner.client().user(username).roles()).isEmpty();
    }

    @Test
    void rolesWithBothRolesAndClearIsAUsageError() {
        assertThat(asOwner.run("users", "roles", member.username(), "auditor", "--clear").exitCode()).isEqualTo(2);
    }

    @Test
    void unknownRoleShowsTheServersMessage() {
        CliRunner.Result result = asOwner.run("users", "roles", member.username(), "emperor");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: ");
    }

    @Test
    void suspendThenActivate() {
        String username = createPasswordless();

        CliRunner.Result suspended = asOwner.run("users", "suspend", username);
        CliRunner.Result activated = asOwner.run("users", "activate", username);

        assertThat(suspended.out()).isEqualTo("User " + username + " is now suspended.\n");
        assertThat(activated.out()).isEqualTo("User " + username + " is now active.\n");
        assertThat(owner.client().user(username).status()).isEqualTo("active");
    }

    @Test
    void suspendingYourselfShowsTheServersRefusal() {
        CliRunner.Result result = asOwner.run("users", "suspend", "me");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("You cannot suspend yourself.");
    }

    @Test
    void deleteRemovesTheUser() {
        String username = createPasswordless();

        CliRunner.Result deleted = asOwner.run("users", "delete", username);

        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).isEqualTo("User " + username + " has been deleted.\n");
        assertThat(asOwner.run("users", "show", username).exitCode()).isEqualTo(1);
    }
}
