package dev.tokend.cli;

import dev.tokend.sdk.Version;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code tokend} command: the server, and client commands that talk to it through the SDK. */
@Command(
        name = "tokend",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"Self-hosted server for API keys, login sessions and personal access tokens.", ""},
        subcommands = {ServerCommand.class, LoginCommand.class, LogoutCommand.class, WhoamiCommand.class,
            TokensCommand.class, UsersCommand.class, AuditCommand.class, OAuth2Command.class, CompletionCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Client commands read the server URL and session from the configuration directory "
                + "($XDG_CONFIG_HOME/tokend or ~/.config/tokend); $TOKEND_URL and $TOKEND_SESSION_TOKEN override them.",
            "", "Examples:",
            "  tokend server                       # serve on 127.0.0.1:3000",
            "  tokend login http://127.0.0.1:3000  # sign in; a new server gets its owner",
            "  tokend tokens create --name ci --lifetime 7d",
            "  tokend tokens ls",
            "  tokend server --help                # server options, TOKEND_* variables"})
public final class Main implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    Main(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line for this process (tests run it in-process). */
    public static CommandLine commandLine() {
        return commandLine(CliContext.system());
    }

    /** The command line with {@code context} as its surroundings (tests pass their own). */
    static CommandLine commandLine(CliContext context) {
        ErrorReporter errors = new ErrorReporter(context);
        CommandLine commandLine = new CommandLine(new Main(context), new CommandFactory(context))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        // Only the server maps every long option to a TOKEND_* variable: on client commands names
        // such as --user or --name would turn common variables into surprise defaults.
        commandLine.getSubcommands().get("server")
                .setDefaultValueProvider(new EnvironmentDefaults(context.environment()));
        return commandLine;
    }

    @Option(names = "--global-config", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Directory of the CLI's configuration (server URL and session). "
                    + "Env: TOKEND_CONFIG_DIR. Default: $XDG_CONFIG_HOME/tokend or ~/.config/tokend.")
    void globalConfig(Path dir) {
        context.configOverride(dir);
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
