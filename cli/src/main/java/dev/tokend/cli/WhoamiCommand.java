package dev.tokend.cli;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.json.UserJson;
import dev.tokend.sdk.model.User;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokend whoami}: which server and which user the session belongs to. */
@Command(
        name = "whoami",
        mixinStandardHelpOptions = true,
        description = {WhoamiCommand.SUMMARY, ""},
        footer = {"", "Examples:", "  tokend whoami", "  TOKEND_SESSION_TOKEN=\"$TOKEN\" tokend whoami", "  tokend whoami -o json"})
final class WhoamiCommand implements Callable<Integer> {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Show the server and the user you are signed in as.";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    WhoamiCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a sentence) or json ({\"url\", \"user\"}).")
    TextOrJson output;

    @Override
    public Integer call() {
        TokendClient client = context.client();
        User me = client.me();
        PrintWriter out = spec.commandLine().getOut();
        if (output == TextOrJson.JSON) {
            JsonOutput.print(out, me, (g, user) -> {
                g.writeStartObject();
                g.writeStringField("url", client.baseUrl().toString());
                g.writeFieldName("user");
                UserJson.write(g, user);
                g.writeEndObject();
            });
        } else {
            out.println("You are signed in to " + client.baseUrl() + " as " + me.username() + " (" + me.email() + ").");
        }
        out.flush();
        return 0;
    }
}
