package dev.tokend.cli;

import dev.tokend.sdk.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code tokend} command: the server and, later, client commands over the SDK. */
@Command(
        name = "tokend",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"Self-hosted server for API keys, login sessions and personal access tokens.", ""},
        subcommands = {ServerCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
            "  tokend server          # serve on http://127.0.0.1:3000, embedded PostgreSQL",
            "  tokend server --help   # every server option and its TOKEND_* variable"})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests run it in-process). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setDefaultValueProvider(new EnvironmentDefaults(System::getenv))
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tokend " + Version.VERSION};
        }
    }
}
