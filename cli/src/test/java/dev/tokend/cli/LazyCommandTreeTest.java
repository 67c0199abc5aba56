package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.InstantSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@link Main} builds only the invoked command; the stand-ins for the others must list exactly as
 * the real commands do, or {@code tokend --help} would drift from {@code tokend help}.
 */
class LazyCommandTreeTest {
    private static CliContext context() {
        return new CliContext(Map.<String, String>of()::get, null, new StringReader(""), InstantSource.system(),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static String usage(CommandLine commandLine) {
        StringWriter out = new StringWriter();
        commandLine.usage(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void topLevelHelpFromStandInsEqualsTheFullTrees() {
        String lazy = usage(Main.commandLine(context(), new String[] {"--help"}));

        assertThat(lazy).isEqualTo(usage(Main.commandLine(context()))).contains("whoami").contains("tokens, token");
    }

    @Test
    void standInsHaveTheRealNamesAliasesAndVisibility() {
        CommandLine lazy = Main.commandLine(context(), new String[] {"--version"});
        CommandLine full = Main.commandLine(context());

        assertThat(lazy.getSubcommands().keySet()).isEqualTo(full.getSubcommands().keySet());
        full.getSubcommands().forEach((name, real) -> {
            CommandLine standIn = lazy.getSubcommands().get(name);
            assertThat(standIn.getCommandSpec().aliases()).as(name).containsExactly(real.getCommandSpec().aliases());
            assertThat(standIn.getCommandSpec().usageMessage().hidden()).as(name)
                    .isEqualTo(real.getCommandSpec().usageMessage().hidden());
        });
    }

    @ParameterizedTest
    @CsvSource({"whoami,whoami", "--global-config /tmp/x tokens ls,tokens", "token,token", "--help,", "'',"})
    void theCommandWordSkipsTokendsOwnOptions(String args, String word) {
        assertThat(Main.commandWord(args.isEmpty() ? new String[0] : args.split(" "))).isEqualTo(word);
    }

    @Test
    void onlyTheInvokedCommandIsBuilt() {
        CommandLine lazy = Main.commandLine(context(), new String[] {"whoami"});

        assertThat(lazy.getSubcommands().get("whoami").getCommandSpec().userObject()).isInstanceOf(WhoamiCommand.class);
        assertThat(lazy.getSubcommands().get("tokens").getCommandSpec().subcommands()).isEmpty();
    }

    @Test
    void tokendsOwnOptionsBuildNoCommand() {
        for (String[] args : new String[][] {{"--version"}, {"--help"}, {}, {"--global-config", "/tmp/x", "-V"}}) {
            CommandLine lazy = Main.commandLine(context(), args);

            assertThat(lazy.getSubcommands().get("whoami").getCommandSpec().userObject() instanceof WhoamiCommand)
                    .as(String.join(" ", args)).isFalse();
            assertThat(lazy.getSubcommands().get("tokens").getCommandSpec().subcommands()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"--version", "-V"})
    void aPlainVersionRequestPrintsWhatPicocliPrints(String flag) {
        CliRunner.Result live = CliRunner.create().run(flag);

        assertThat(live.exitCode()).isZero();
        assertThat(Main.plainVersion(new String[] {flag})).isEqualTo(live.out()).startsWith("tokend ");
        assertThat(Main.plainVersion(new String[] {"whoami", flag})).isNull();
        assertThat(Main.plainVersion(new String[] {flag, "--help"})).isNull();
    }
}
