package dev.tokend.cli;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.model.User;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tokend whoami}: which server and which user the session belongs to. */
@Command(
        name = "whoami",
        mixinStandardHelpOptions = true,
        description = {WhoamiCommand.SUMMARY, ""},
        footer = {"", "Examples:", "  tokend whoami", "  TOKEND_SESSION_TOKEN=\"$TOKEN\" tokend whoami"})
final class WhoamiCommand implements Callable<Integer> {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Show the server and the user you are signed in as.";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    WhoamiCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        TokendClient client = context.client();
        User me = client.me();
        spec.commandLine().getOut().printf("You are signed in to %s as %s (%s).%n", client.baseUrl(), me.username(),
                me.email());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
