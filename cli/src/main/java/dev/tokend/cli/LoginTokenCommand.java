package dev.tokend.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokend login token}: prints the session token in use, for scripts ({@code coder login
 * token}, {@code gh auth token}): {@code $TOKEND_SESSION_TOKEN} when set, else the stored session.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = {"Print the current session token, for scripts.", ""},
        footer = {"", "Examples:",
            "  tokend login token",
            "  TOKEN=$(tokend login token)"})
final class LoginTokenCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (the token alone) or json ({\"session_token\"}).")
    TextOrJson output;

    LoginTokenCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        String session = context.session().orElseThrow(CliException::notSignedIn);
        PrintWriter out = spec.commandLine().getOut();
        if (output == TextOrJson.JSON) {
            JsonOutput.strings(out, "session_token", session);
        } else {
            out.println(session);
        }
        out.flush();
        return 0;
    }
}
