package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help pages rendered at build time are what picocli prints for each command, and are used only for help. */
class HelpPagesTest {
    @Test
    void everyClientCommandHasAPageUnderEachOfItsSpellings() {
        List<HelpPages.Page> pages = HelpPages.pages();

        assertThat(pages).extracting(HelpPages.Page::name)
                .contains("tokend", "tokend_whoami", "tokend_tokens_create", "tokend_users_list", "tokend_oauth2_apps")
                .doesNotContain("tokend_server", "tokend_help", "tokend_" + CompleteCommand.NAME);
        assertThat(HelpPages.find(new String[] {"token", "ls", "--help"}, "false", null))
                .isEqualTo(HelpPages.find(new String[] {"tokens", "list", "-h"}, "false", null))
                .startsWith("Usage: tokend tokens list");
    }

    @Test
    void eachPageInTheJarIsWhatTheCommandPrintsForHelpToday() {
        for (HelpPages.Page page : HelpPages.pages()) {
            String[] args = (page.spellings().getFirst() + " --help").strip().split(" ");
            CliRunner.Result live = CliRunner.create().run(args);

            assertThat(live.exitCode()).as(page.name()).isZero();
            // Built at package time from the same classes: a stale page would differ here.
            assertThat(HelpPages.find(args, "false", null)).as(page.name()).isEqualTo(live.out());
            assertThat(HelpPages.find(args, "true", null)).as(page.name())
                    .isEqualTo(usageOfTheLazyTree(args, CommandLine.Help.Ansi.ON));
        }
    }

    @Test
    void theColouredPagesCarryColoursAndThePlainOnesNone() {
        assertThat(HelpPages.find(new String[] {"--help"}, "true", null)).contains("\u001B[");
        assertThat(HelpPages.find(new String[] {"--help"}, "false", null)).doesNotContain("\u001B[");
        assertThat(HelpPages.find(new String[0], "false", null)).isEqualTo(HelpPages.find(new String[] {"-h"}, "false", null));
    }

    @Test
    void anythingButAPlainHelpRequestIsRenderedAsItRuns() {
        String[][] notPlain = {
            {"server", "--help"}, // its defaults come from TOKEND_* variables
            {"whoami"}, {"tokens"}, {"--version"}, {"help", "tokens"}, {"--global-config", "/x", "--help"},
            {"whoami", "-o", "json", "--help"}, {"tokns", "--help"}, {"tokens", "--help", "x"}, {"", "--help"},
            {"tokens\tls", "--help"},
        };
        for (String[] args : notPlain) {
            assertThat(HelpPages.find(args, "false", null)).as(String.join(" ", args)).isNull();
        }
        // Only when the launcher has decided about colours, and picocli's width is its default.
        assertThat(HelpPages.find(new String[] {"--help"}, null, null)).isNull();
        assertThat(HelpPages.find(new String[] {"--help"}, "auto", null)).isNull();
        assertThat(HelpPages.find(new String[] {"--help"}, "false", "120")).isNull();
    }

    @Test
    void thePagesAreInTheClassOutputAsTheJarCarriesThem() throws IOException {
        try (InputStream index = HelpPages.class.getResourceAsStream(HelpPages.DIRECTORY + "index.txt")) {
            assertThat(index).as("rendered by exec-maven-plugin at process-classes").isNotNull();
            assertThat(new String(index.readAllBytes(), StandardCharsets.UTF_8)).contains("tokens ls\ttokend_tokens_list\n");
        }
    }

    /** What {@code args} would print with {@code ansi}, from the tree a real run builds (only the invoked command). */
    private static String usageOfTheLazyTree(String[] args, CommandLine.Help.Ansi ansi) {
        try (CliContext context = new CliContext(name -> null, null, new StringReader(""), InstantSource.system(),
                Path.of(System.getProperty("java.io.tmpdir")))) {
            CommandLine command = Main.commandLine(context, args);
            for (int i = 0; i < args.length - 1; i++) {
                command = command.getSubcommands().get(args[i]);
            }
            return command.getUsageMessage(ansi);
        }
    }
}
