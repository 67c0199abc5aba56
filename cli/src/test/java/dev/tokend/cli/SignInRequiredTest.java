package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every client command needs a URL and a session, and says so plainly when it lacks one or cannot reach the server. */
class SignInRequiredTest {
    static Stream<Arguments> clientCommands() {
        return Stream.of(
                Arguments.of((Object) new String[] {"whoami"}),
                Arguments.of((Object) new String[] {"logout"}),
                Arguments.of((Object) new String[] {"tokens", "create"}),
                Arguments.of((Object) new String[] {"tokens", "ls"}),
                Arguments.of((Object) new String[] {"tokens", "view", "ci"}),
                Arguments.of((Object) new String[] {"tokens", "update", "ci", "--lifetime", "1d"}),
                Arguments.of((Object) new String[] {"tokens", "rm", "ci"}),
                Arguments.of((Object) new String[] {"users", "list"}),
                Arguments.of((Object) new String[] {"users", "show", "me"}),
                Arguments.of((Object) new String[] {"users", "create", "-e", "a@example.com", "-u", "a", "-p", "x"}),
                Arguments.of((Object) new String[] {"users", "suspend", "a"}),
                Arguments.of((Object) new String[] {"users", "activate", "a"}),
                Arguments.of((Object) new String[] {"users", "delete", "a"}),
                Arguments.of((Object) new String[] {"users", "roles", "a"}),
                Arguments.of((Object) new String[] {"audit"}));
    }

    @ParameterizedTest
    @MethodSource("clientCommands")
    void withoutASessionTheCommandAsksToSignInAndExitsOne(String[] args) {
        CliRunner.Result result = CliRunner.create().run(args);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: " + CliException.NOT_SIGNED_IN + "\n");
        assertThat(result.out()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("clientCommands")
    void withAUrlButNoSessionTheCommandAsksToSignIn(String[] args) {
        CliRunner.Result result = CliRunner.create().env(CliContext.ENV_URL, "http://127.0.0.1:3000").run(args);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(CliException.NOT_SIGNED_IN);
    }

    @ParameterizedTest
    @MethodSource("clientCommands")
    void withTheServerUnreachableTheCommandSaysSoAndExitsOne(String[] args) {
        String url = CliRunner.closedPortUrl();
        CliRunner cli = CliRunner.create().env(CliContext.ENV_URL, url)
                .env(CliContext.ENV_SESSION_TOKEN, "tkds_0000000000_0000000000000000000000000000");

        CliRunner.Result result = cli.run(args);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("cannot reach the tokend server at " + url + " (connection refused)")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @MethodSource("clientCommands")
    void withAnUnparsableUrlTheCommandNamesIt(String[] args) {
        CliRunner cli = CliRunner.create().env(CliContext.ENV_URL, "ftp://example.com")
                .env(CliContext.ENV_SESSION_TOKEN, "x");

        CliRunner.Result result = cli.run(args);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("\"ftp://example.com\" is not a valid URL");
    }

    @org.junit.jupiter.api.Test
    void loginToAnUnreachableServerSaysSoAndExitsOne() {
        String url = CliRunner.closedPortUrl();

        CliRunner.Result result = CliRunner.create().run("login", url);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("cannot reach the tokend server at " + url);
    }
}
