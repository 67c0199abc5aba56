package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
            boolean hidden = sub.getValue().getCommandSpec().usageMessage().hidden();
            if (sub.getKey().equals(name) && !name.equals("help") && !hidden) {
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
    @CsvSource({"tokns,Unmatched argument", "tokens crate,Unmatched argument", "login --nope,Unknown option"})
    void usageErrorsExitTwoWithAPointerToHelp(String args, String message) {
        CliRunner.Result result = CliRunner.create().run(args.split(" "));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(message).contains("--help' for usage.");
    }

    @ParameterizedTest
    @CsvSource({"tokens,create", "token,create", "users,suspend", "user,suspend"})
    void aGroupAloneListsItsSubcommands(String group, String subcommand) {
        CliRunner.Result result = CliRunner.create().run(group);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("Usage: tokend ").contains("Commands:").contains("  " + subcommand);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void loginHelpHasNoPicocliFormatWarningAndShowsThePrintfExample() {
        CliRunner.Result result = CliRunner.create().run("login", "--help");

        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith("Usage: tokend login").contains("printf '%s\\n' me@example.com");
    }

    @Test
    void completionHelpShowsTheFpathVariableNotNull() {
        CliRunner.Result result = CliRunner.create().run("completion", "--help");

        assertThat(result.out()).contains("\"${fpath[1]}/_tokend\"").doesNotContain("null/_tokend");
    }

    /** Every URL in a help text, as the source wrote it: a line break inside one leaves a fragment. */
    private static final Pattern URL = Pattern.compile("[a-z][a-z0-9+.-]*://(?:[^\\s\"')]*[^\\s\"').,;:])?");

    @ParameterizedTest
    @MethodSource("commandPaths")
    void helpNeverBreaksAUrlAcrossLines(String path) {
        CommandLine command = Main.commandLine();
        for (String name : path.split(" ")) {
            command = command.getSubcommands().get(name);
        }
        StringBuilder source = new StringBuilder(String.join("\n", command.getCommandSpec().usageMessage().footer()));
        source.append('\n').append(String.join("\n", command.getCommandSpec().usageMessage().description()));
        command.getCommandSpec().options().forEach(o -> source.append(' ').append(String.join(" ", o.description())));
        List<String> written = URL.matcher(source).results().map(m -> m.group()).toList();

        String help = CliRunner.create().run((path + " --help").split(" ")).out();

        URL.matcher(help).results().map(m -> m.group())
                .forEach(url -> assertThat(written).as("in the help of " + path).contains(url));
    }

    @Test
    void completionOffersLowerCaseValues() {
        String bash = CliRunner.create().run("completion", "bash").out();

        assertThat(bash).contains("(\"table\" \"json\")").contains("(\"text\" \"json\")")
                .contains("(\"bash\" \"zsh\" \"fish\")").doesNotContain("\"JSON\"").doesNotContain("\"BASH\"");
    }

    @ParameterizedTest
    @CsvSource({"bash,complete -F _tokend_values -o default tokend", "zsh,complete -F _tokend_values -o default tokend",
        "fish,(tokend __complete tokens (commandline -ct) 2>/dev/null)"})
    void completionScriptsAskTheServerForRealValues(String shell, String line) {
        String script = CliRunner.create().run("completion", shell).out();

        assertThat(script).contains(line).contains("__complete");
    }

    @Test
    void theHiddenCompleteCommandIsNotListed() {
        assertThat(CliRunner.create().run("--help").out()).doesNotContain("__complete");
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
