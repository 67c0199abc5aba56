package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code --help} on every command, usage errors, and {@code tokend completion}. No server needed. */
class HelpAndCompletionTest {
    /** Every command path of the tree, by main name (aliases are the same command). */
    static Stream<String> commandPaths() {
        List<String> paths = new ArrayList<>();
        collect(Main.commandLine(), "", paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, String prefix, List<String> paths) {
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            String name = sub.getValue().getCommandName();
            if (sub.getKey().equals(name) && !name.equals("help")) {
                String path = (prefix + " " + name).strip();
                paths.add(path);
                collect(sub.getValue(), path, paths);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void everyCommandHasHelpWithExamples(String path) {
        List<String> args = new ArrayList<>(List.of(path.split(" ")));
        args.add("--help");

        CliRunner.Result result = CliRunner.create().run(args.toArray(String[]::new));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: tokend " + path).contains("Examples:\n  tokend ");
    }

    @Test
    void theTreeHasTheDocumentedCommands() {
        assertThat(commandPaths()).contains("login", "logout", "whoami", "tokens create", "tokens list", "tokens view",
                "tokens update", "tokens remove", "users list", "users create", "users show", "users suspend",
                "users activate", "users delete", "users roles", "audit", "completion", "server");
    }

    @ParameterizedTest
    @CsvSource({"tokens,Missing required subcommand", "users,Missing required subcommand",
        "tokns,Unmatched argument", "tokens crate,Unmatched argument"})
    void usageErrorsExitTwoWithAPointerToHelp(String args, String message) {
        CliRunner.Result result = CliRunner.create().run(args.split(" "));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(message).contains("--help' for usage.");
    }

    @Test
    void misspelledCommandGetsASuggestion() {
        CliRunner.Result result = CliRunner.create().run("tokens", "lst");

        assertThat(result.err()).contains("Did you mean");
    }

    @Test
    void bashCompletionIsPicocliScriptForTokend() {
        CliRunner.Result result = CliRunner.create().run("completion", "bash");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F _complete_tokend").contains("tokens").contains("--lifetime");
    }

    @Test
    void zshCompletionRunsTheBashScriptThroughBashcompinit() {
        CliRunner.Result result = CliRunner.create().run("completion", "zsh");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("autoload -U +X bashcompinit && bashcompinit")
                .contains("complete -F _complete_tokend");
    }

    @Test
    void fishCompletionListsSubcommandsAndOptionsPerLevel() {
        CliRunner.Result result = CliRunner.create().run("completion", "fish");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("-a 'tokens' -d 'Manage personal access tokens")
                .contains("-n '__fish_seen_subcommand_from tokens; and not __fish_seen_subcommand_from create")
                .contains("-n '__fish_seen_subcommand_from tokens; and __fish_seen_subcommand_from create' -l lifetime -r")
                .contains("-s n -l name -r")
                .doesNotContain("%n");
    }

    @Test
    void unknownShellIsAUsageError() {
        CliRunner.Result result = CliRunner.create().run("completion", "powershell");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("powershell");
    }

    @Test
    void noArgumentsPrintsTheTopLevelHelp() {
        CliRunner.Result result = CliRunner.create().run();

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: tokend").contains("login").contains("tokens");
    }
}
