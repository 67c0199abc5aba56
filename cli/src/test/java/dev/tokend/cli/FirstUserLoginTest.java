package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.sdk.model.User;
import dev.tokend.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code tokend login} on a server without users creates the first user; each test needs a new server. */
class FirstUserLoginTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void firstUserFlagsCreateTheOwnerAndSignIn() throws IOException {
        CliRunner cli = CliRunner.create();

        CliRunner.Result login = cli.run("login", server.url().toString(), "--first-user-email", "admin@example.com",
                "--first-user-username", "admin", "--first-user-full-name", "Ada Admin",
                "--first-user-password", TestServer.PASSWORD);

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.out()).contains("no users yet").contains("Welcome to tokend, admin!");
        User me = server.client(Files.readString(cli.configDir().resolve("session")).strip()).me();
        assertThat(me.username()).isEqualTo("admin");
        assertThat(me.name()).isEqualTo("Ada Admin");
        assertThat(me.roles()).anySatisfy(role -> assertThat(role.name()).isEqualTo("owner"));
    }

    @Test
    void interactiveFirstUserAsksTwiceForThePasswordAndRefusesAMismatch() {
        CliRunner cli = CliRunner.create();

        CliRunner.Result mismatch = cli.runWithInput("admin@example.com\nadmin\n" + TestServer.PASSWORD + "\nother\n",
                "login", server.url().toString());

        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.err()).contains("Passwords do not match.");
        assertThat(server.client().hasFirstUser()).isFalse();

        CliRunner.Result login = cli.runWithInput(
                "admin@example.com\nadmin\n" + TestServer.PASSWORD + "\n" + TestServer.PASSWORD + "\n",
                "login", server.url().toString());

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.err()).contains("Email:").contains("Username:").contains("Confirm password:");
        assertThat(cli.run("whoami").out()).contains("as admin (admin@example.com)");
    }

    @Test
    void eachInvalidAnswerIsRefusedAsGivenAndAskedAgain() {
        CliRunner cli = CliRunner.create();

        CliRunner.Result login = cli.runWithInput(String.join("\n", "not-an-email", "admin@example.com", "",
                "bad name", "admin", "short", TestServer.PASSWORD, TestServer.PASSWORD, ""),
                "login", server.url().toString());

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.err()).contains(LoginCommand.NOT_A_VALID_EMAIL)
                .contains("That's not a valid username").contains("That password is not accepted: ");
        assertThat(login.err().split("Username: ", -1)).hasSize(4);
        // The weak password is refused as typed (the server's policy, before any user exists), not after confirming it.
        assertThat(login.err().split("Confirm password: ", -1)).hasSize(2);
        assertThat(cli.run("whoami").out()).contains("as admin (admin@example.com)");
    }

    @Test
    void firstUserWithAWeakPasswordShowsTheServersValidation() {
        CliRunner.Result login = CliRunner.create().run("login", server.url().toString(), "--first-user-email",
                "admin@example.com", "--first-user-username", "admin", "--first-user-password", "short");

        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.err()).contains("Password is invalid").contains("password: ");
    }
}
