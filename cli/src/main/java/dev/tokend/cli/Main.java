package dev.tokend.cli;

import dev.tokend.sdk.Version;
import java.nio.file.Path;
import java.util.List;
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
        footer = {"", "Client commands read the server URL and session from the configuration directory "
                + "($XDG_CONFIG_HOME/tokend or ~/.config/tokend); $TOKEND_URL and $TOKEND_SESSION_TOKEN override them.",
            "", "Examples:",
            "  tokend server                       # serve on 127.0.0.1:3000",
            "  tokend login http://127.0.0.1:3000  # sign in; a new server gets its owner",
            "  tokend tokens create --name ci --lifetime 7d",
            "  tokend tokens ls",
            "  tokend server --help                # server options, TOKEND_* variables"})
public final class Main implements Runnable {
    /**
     * The top-level commands, in the order {@code --help} lists them. Only the one a run invokes is
     * built from its annotations: picocli's reflection over every command class was most of the
     * start-up time of {@code tokend --help} and {@code tokend whoami}. The others are stand-ins
     * with the name, aliases and summary the listing shows ({@code LazyCommandTreeTest} keeps them
     * equal to the real ones).
     */
    private static final List<Entry> COMMANDS = List.of(
            new Entry(ServerCommand.class, "server", ServerCommand.SUMMARY),
            new Entry(LoginCommand.class, "login", LoginCommand.SUMMARY),
            new Entry(LogoutCommand.class, "logout", LogoutCommand.SUMMARY),
            new Entry(WhoamiCommand.class, "whoami", WhoamiCommand.SUMMARY),
            new Entry(TokensCommand.class, "tokens", TokensCommand.SUMMARY, "token"),
            new Entry(UsersCommand.class, "users", UsersCommand.SUMMARY, "user"),
            new Entry(AuditCommand.class, "audit", AuditCommand.SUMMARY),
            new Entry(OAuth2Command.class, "oauth2", OAuth2Command.SUMMARY),
            new Entry(CompletionCommand.class, "completion", CompletionCommand.SUMMARY),
            new Entry(CommandLine.HelpCommand.class, "help", "Display help information about the specified command."),
            new Entry(CompleteCommand.class, CompleteCommand.NAME, null));

    /** Commands that read the whole tree: every command is built for them. */
    private static final List<String> NEED_THE_TREE = List.of("help", "completion");

    private final CliContext context;

    @Spec
    CommandSpec spec;

    Main(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    public static void main(String[] args) {
        // A plain help request prints the page rendered at build time (HelpPages), a plain version
        // request the version: no command is built.
        String page = HelpPages.find(args, System.getProperty("picocli.ansi"), System.getProperty("picocli.usage.width"));
        if (page == null) {
            page = plainVersion(args);
        }
        if (page != null) {
            System.out.print(page);
            System.out.flush();
            System.exit(0);
        }
        int status;
        try (CliContext context = CliContext.system()) {
            status = commandLine(context, args).execute(args);
        }
        System.exit(status);
    }

    /**
     * For exactly {@code tokend --version} or {@code tokend -V}: what picocli prints for it, without
     * building the command (else null).
     */
    static String plainVersion(String[] args) {
        if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (String line : new VersionProvider().getVersion()) {
            text.append(line).append(System.lineSeparator());
        }
        return text.toString();
    }

    /** The whole command tree for this process (tests run it in-process). */
    public static CommandLine commandLine() {
        return commandLine(CliContext.system());
    }

    /** The whole command tree with {@code context} as its surroundings (tests pass their own). */
    static CommandLine commandLine(CliContext context) {
        return commandLine(context, CommandModel.load());
    }

    /** The whole command tree, built by {@code model} (the build's generator reads the annotations' one). */
    static CommandLine commandLine(CliContext context, CommandModel model) {
        return build(context, null, model);
    }

    /** The tree for running {@code args}: the invoked command built, the others as stand-ins. */
    static CommandLine commandLine(CliContext context, String[] args) {
        String invoked = commandWord(args);
        CommandModel model = CommandModel.load();
        if (invoked == null) {
            return build(context, "", model); // tokend's own options (--version, --help): no command built
        }
        return build(context, NEED_THE_TREE.contains(invoked) ? null : invoked, model);
    }

    /** With {@code only} null, every command is built; else only the one answering to {@code only}. */
    private static CommandLine build(CliContext context, String only, CommandModel model) {
        CommandFactory factory = new CommandFactory(context);
        CommandLine commandLine = model.root(new Main(context), context, factory);
        for (Entry entry : COMMANDS) {
            if (only == null || entry.answersTo(only)) {
                CommandLine command = model.command(entry.type(), context, factory);
                if (command == null) { // the server and picocli's help command
                    command = new CommandLine(entry.type(), factory);
                }
                if (entry.type() == ServerCommand.class) {
                    // Only the server maps every long option to a TOKEND_* variable: on client commands
                    // names such as --user or --name would turn common variables into surprise defaults.
                    command.setDefaultValueProvider(new EnvironmentDefaults(context.environment()));
                }
                commandLine.addSubcommand(command);
            } else {
                commandLine.addSubcommand(entry.standIn());
            }
        }
        ErrorReporter errors = new ErrorReporter(context);
        return commandLine.setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    /**
     * The first word of {@code args} that is not an option of {@code tokend} itself: the command,
     * or null when there is none (then no command runs and none needs building).
     */
    static String commandWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--global-config")) {
                i++; // its value
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
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

    /** A top-level command: its class, and what the listing shows without building it (null: hidden). */
    private record Entry(Class<?> type, String name, String summary, String... aliases) {
        boolean answersTo(String word) {
            return name.equals(word) || List.of(aliases).contains(word);
        }

        /** Lists like the real command; it never runs, since a run builds the command it invokes. */
        CommandLine standIn() {
            CommandSpec spec = CommandSpec.create().name(name).aliases(aliases);
            if (summary == null) {
                spec.usageMessage().hidden(true);
            } else {
                spec.usageMessage().description(summary);
            }
            return new CommandLine(spec);
        }
    }
}
