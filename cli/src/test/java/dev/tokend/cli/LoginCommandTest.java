package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.sdk.ApiException;
import dev.tokend.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tokend login}, {@code logout} and {@code whoami} against a server that already has users. */
class LoginCommandTest {
    private static TestServer server;
    private static TestServer.Account owner;
    private static TestServer.Account member;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createFirstUser();
        member = server.createUser(owner);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String stored(CliRunner cli, String file) throws IOException {
        return Files.readString(cli.configDir().resolve(file)).strip();
    }

    @Test
    void passwordLoginFromPipedInputStoresUrlAndSessionWithPrivateModes() throws IOException {
        CliRunner cli = CliRunner.create();

        CliRunner.Result login = cli.runWithInput(owner.email() + "\n" + TestServer.PASSWORD + "\n",
                "login", server.url().toString(), "--with-password");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.out()).contains("Welcome to tokend, " + owner.username() + "!");
        assertThat(login.err()).contains("Email:").contains("Password:").doesNotContain(TestServer.PASSWORD);
        assertThat(stored(cli, "url")).isEqualTo(server.url().toString());
        assertThat(server.client(stored(cli, "session")).me().id()).isEqualTo(owner.id());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configDir()))).isEqualTo("rwx------");
        for (String file : new String[] {"url", "session"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configDir().resolve(file))))
                    .isEqualTo("rw-------");
        }
        CliRunner.Result whoami = cli.run("whoami");
        assertThat(whoami.out()).isEqualTo("You are signed in to " + server.url() + " as " + owner.username() + " ("
                + owner.email() + ").\n");
    }

    @Test
    void wrongPasswordFailsWithTheServersMessageAndStoresNothing() {
        CliRunner cli = CliRunner.create();

        CliRunner.Result login = cli.runWithInput(owner.email() + "\nwrong password\n", "login", server.url().toString(),
                "--with-password");

        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.err()).contains("Incorrect email or password.").doesNotContain("at dev.tokend");
        assertThat(cli.configDir().resolve("session")).doesNotExist();
    }

    @Test
    void inputEndingBeforeThePasswordFailsClearly() {
        CliRunner.Result login = CliRunner.create().runWithInput(owner.email() + "\n", "login", server.url().toString(),
                "--with-password");

        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.err()).contains("Input ended before an answer to \"Password:\"");
    }

    @Test
    void withoutTokenItPrintsTheCliAuthAddressAndStoresThePastedTokenAsIs() throws IOException {
        String pasted = server.client(owner.token()).createApiKey("me").key();
        CliRunner cli = CliRunner.create();

        CliRunner.Result login = cli.runWithInput(pasted + "\n", "login", server.url().toString());

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.err()).contains("Open the following in your browser:\n\n\t" + server.url() + "/cli-auth\n\n")
                .contains(LoginCommand.PASTE_PROMPT.strip()).doesNotContain(pasted);
        assertThat(stored(cli, "session")).isEqualTo(pasted);
        assertThat(login.out()).contains("Welcome to tokend, " + owner.username() + "!");
    }

    @Test
    void aPastedTokenThatDoesNotWorkIsAskedForAgain() throws IOException {
        String expired = server.freshSession(owner).token();
        server.client(expired).logout();
        String pasted = server.client(owner.token()).createApiKey("me").key();
        CliRunner cli = CliRunner.create();

        CliRunner.Result login = cli.runWithInput("not a token\n" + expired + "\n" + pasted + "\n",
                "login", server.url().toString());

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.err().split(LoginCommand.NOT_A_VALID_TOKEN, -1)).hasSize(3);
        assertThat(login.err().split(LoginCommand.PASTE_PROMPT.strip(), -1)).hasSize(4);
        assertThat(stored(cli, "session")).isEqualTo(pasted);
    }

    @Test
    void loginTokenPrintsTheSessionForScriptsAndTheVariableWins() {
        CliRunner cli = CliRunner.create();
        cli.run("login", server.url().toString(), "--token", owner.token(), "--use-token-as-session");

        assertThat(cli.run("login", "token").out()).isEqualTo(owner.token() + "\n");
        assertThat(cli.env(CliContext.ENV_SESSION_TOKEN, member.token()).run("login", "token").value())
                .isEqualTo(member.token());
        assertThat(cli.run("login", "token", "-o", "json").out()).contains("\"session_token\" : \"" + member.token());
    }

    @Test
    void loginTokenWithoutASessionSaysSo() {
        CliRunner.Result result = CliRunner.create().run("login", "token");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(CliException.NOT_SIGNED_IN);
    }

    @Test
    void anExpiredSessionTokenVariableGetsAHintNamingTheVariable() {
        String ended = server.freshSession(owner).token();
        server.client(ended).logout();

        CliRunner.Result whoami = CliRunner.create().env(CliContext.ENV_URL, server.url().toString())
                .env(CliContext.ENV_SESSION_TOKEN, ended).run("whoami");

        assertThat(whoami.exitCode()).isEqualTo(1);
        assertThat(whoami.err()).contains("$TOKEND_SESSION_TOKEN is not valid").doesNotContain("Run 'tokend login");
    }

    @Test
    void anExpiredStoredSessionGetsTheLoginHint() {
        String ended = server.freshSession(owner).token();
        CliRunner cli = CliRunner.create();
        cli.run("login", server.url().toString(), "--token", ended, "--use-token-as-session");
        server.client(ended).logout();

        CliRunner.Result whoami = cli.run("whoami");

        assertThat(whoami.err()).contains("Run 'tokend login " + server.url() + "' to sign in again.")
                .doesNotContain("TOKEND_SESSION_TOKEN");
    }

    @Test
    void whoamiJsonHasTheUrlAndTheUser() throws IOException {
        CliRunner.Result whoami = CliRunner.signedIn(server, member).run("whoami", "-o", "json");

        assertThat(whoami.exitCode()).as(whoami.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode json = dev.tokend.sdk.TokendJson.mapper().readTree(whoami.out());
        assertThat(json.get("url").asText()).isEqualTo(server.url().toString());
        assertThat(json.get("user").get("username").asText()).isEqualTo(member.username());
    }

    @Test
    void aTokenWithAWrongChecksumIsRefusedBeforeAnyRequest() {
        CliRunner.Result login = CliRunner.create().run("login", server.url().toString(), "--token",
                "tkds_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRQ");

        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.err()).contains(LoginCommand.NOT_A_VALID_TOKEN).contains("checksum mismatch");
    }

    @Test
    void tokenLoginMintsTheClisOwnKeyAndLeavesTheGivenTokenAlone() throws IOException {
        String given = server.freshSession(owner).token();
        CliRunner cli = CliRunner.create();

        CliRunner.Result login = cli.run("login", server.url().toString(), "--token", given);

        assertThat(login.exitCode()).as(login.toString()).isZero();
        String session = stored(cli, "session");
        assertThat(session).isNotEqualTo(given);
        assertThat(server.client(session).me().id()).isEqualTo(owner.id());
        assertThat(server.client(given).me().id()).isEqualTo(owner.id());
    }

    @Test
    void useTokenAsSessionStoresTheGivenToken() throws IOException {
        String given = server.freshSession(owner).token();
        CliRunner cli = CliRunner.create();

        CliRunner.Result login = cli.run("login", server.url().toString(), "--token", given, "--use-token-as-session");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(stored(cli, "session")).isEqualTo(given);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void invalidTokenIsNotAValidToken(boolean useAsSession) {
        CliRunner cli = CliRunner.create();
        String wellFormed = "tkds_0000000000_0000000000000000000000";
        String bogus = wellFormed + TokenText.checksum(wellFormed);

        CliRunner.Result login = useAsSession
                ? cli.run("login", server.url().toString(), "--token", bogus, "--use-token-as-session")
                : cli.run("login", server.url().toString(), "--token", bogus);

        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.err()).contains("That's not a valid token!");
        assertThat(cli.configDir().resolve("session")).doesNotExist();
    }

    @Test
    void useTokenAsSessionWithoutTokenIsAUsageError() {
        CliRunner.Result login = CliRunner.create().run("login", server.url().toString(), "--use-token-as-session");

        assertThat(login.exitCode()).isEqualTo(2);
        assertThat(login.err()).contains("--use-token-as-session needs --token");
    }

    @Test
    void loginWithoutAnyUrlIsAUsageError() {
        CliRunner.Result login = CliRunner.create().run("login");

        assertThat(login.exitCode()).isEqualTo(2);
        assertThat(login.err()).contains("Missing the server URL");
    }

    @Test
    void loginWithoutUrlArgumentReusesTheStoredUrl() {
        CliRunner cli = CliRunner.create();
        assertThat(cli.run("login", server.url().toString(), "--token", owner.token(), "--use-token-as-session")
                .exitCode()).isZero();

        CliRunner.Result again = cli.run("login", "--token", owner.token(), "--use-token-as-session");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("signed in to " + server.url());
    }

    @Test
    void logoutDeletesTheKeyAtTheServerAndTheLocalFiles() {
        CliRunner cli = CliRunner.create();
        String session = server.freshSession(owner).token();
        cli.run("login", server.url().toString(), "--token", session, "--use-token-as-session");

        CliRunner.Result logout = cli.run("logout");

        assertThat(logout.exitCode()).as(logout.toString()).isZero();
        assertThat(logout.out()).contains("You are signed out.");
        assertThat(cli.configDir().resolve("session")).doesNotExist();
        assertThat(cli.configDir().resolve("url")).doesNotExist();
        assertThat(statusOf(() -> server.client(session).me())).isEqualTo(401);
        CliRunner.Result whoami = cli.run("whoami");
        assertThat(whoami.exitCode()).isEqualTo(1);
        assertThat(whoami.err()).contains(CliException.NOT_SIGNED_IN);
    }

    @Test
    void logoutWithASessionTheServerNoLongerKnowsStillRemovesTheLocalFiles() {
        CliRunner cli = CliRunner.create();
        String session = server.freshSession(owner).token();
        cli.run("login", server.url().toString(), "--token", session, "--use-token-as-session");
        server.client(session).logout();

        CliRunner.Result logout = cli.run("logout");

        assertThat(logout.exitCode()).as(logout.toString()).isZero();
        assertThat(logout.out()).contains("already ended");
        assertThat(cli.configDir().resolve("session")).doesNotExist();
    }

    @Test
    void logoutWithTheServerUnreachableRemovesTheLocalFilesAndFails() {
        CliRunner cli = CliRunner.create();
        cli.run("login", server.url().toString(), "--token", server.freshSession(owner).token(),
                "--use-token-as-session");
        cli.env(CliContext.ENV_URL, CliRunner.closedPortUrl());

        CliRunner.Result logout = cli.run("logout");

        assertThat(logout.exitCode()).isEqualTo(1);
        assertThat(logout.err()).contains("cannot reach the tokend server").contains("stays valid until it expires");
        assertThat(cli.configDir().resolve("session")).doesNotExist();
    }

    @Test
    void environmentVariablesOverrideTheStoredUrlAndSession() {
        CliRunner cli = CliRunner.create();
        new ConfigStore(cli.configDir()).save(CliRunner.closedPortUrl(), "not-a-session");
        cli.env(CliContext.ENV_URL, server.url().toString()).env(CliContext.ENV_SESSION_TOKEN, member.token());

        CliRunner.Result whoami = cli.run("whoami");

        assertThat(whoami.exitCode()).as(whoami.toString()).isZero();
        assertThat(whoami.out()).contains("as " + member.username() + " (");
    }

    @Test
    void environmentSessionOverridesAStoredSession() {
        CliRunner cli = CliRunner.create();
        cli.run("login", server.url().toString(), "--token", owner.token(), "--use-token-as-session");
        cli.env(CliContext.ENV_SESSION_TOKEN, member.token());

        assertThat(cli.run("whoami").out()).contains("as " + member.username() + " (");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void globalConfigOptionChoosesTheDirectoryBeforeOrAfterTheSubcommand(boolean before) throws IOException {
        CliRunner cli = CliRunner.create();
        Path dir = cli.home().resolve("elsewhere");
        String[] args = before
                ? new String[] {"--global-config", dir.toString(), "login", server.url().toString(), "--token",
                    owner.token(), "--use-token-as-session"}
                : new String[] {"login", server.url().toString(), "--token", owner.token(), "--use-token-as-session",
                    "--global-config", dir.toString()};

        assertThat(cli.run(args).exitCode()).isZero();

        assertThat(Files.readString(dir.resolve("session")).strip()).isEqualTo(owner.token());
        assertThat(cli.configDir().resolve("session")).doesNotExist();
        assertThat(cli.run("--global-config", dir.toString(), "whoami").exitCode()).isZero();
    }

    @Test
    void withoutOverridesTheConfigLivesUnderXdgConfigHomeElseHome() {
        CliRunner cli = CliRunner.create().env(CliContext.ENV_CONFIG_DIR, null);
        cli.run("login", server.url().toString(), "--token", owner.token(), "--use-token-as-session");
        assertThat(cli.home().resolve(".config/tokend/session")).exists();

        Path xdg = cli.home().resolve("xdg");
        cli.env("XDG_CONFIG_HOME", xdg.toString());
        cli.run("login", server.url().toString(), "--token", owner.token(), "--use-token-as-session");
        assertThat(xdg.resolve("tokend/session")).exists();
    }

    @Test
    void urlWithoutSchemeOnLoopbackMeansHttp() {
        CliRunner cli = CliRunner.create();
        String hostAndPort = server.url().getAuthority();

        CliRunner.Result login = cli.run("login", hostAndPort + "/", "--token", owner.token(), "--use-token-as-session");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.out()).contains("signed in to http://" + hostAndPort + ".");
    }

    private static int statusOf(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.status();
        }
        return 200;
    }
}
