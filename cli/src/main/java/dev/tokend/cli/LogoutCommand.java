package dev.tokend.cli;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.TokendClient;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokend logout} (reference §9.3): deletes the session's key at the server, then the local
 * files. The local files go even when the server cannot be told, but then the command fails, so
 * the user knows the key stays valid until it expires.
 */
@Command(
        name = "logout",
        mixinStandardHelpOptions = true,
        description = {LogoutCommand.SUMMARY, ""},
        footer = {"", "Examples:", "  tokend logout"})
final class LogoutCommand implements Callable<Integer> {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Sign out: delete the session at the server and forget it locally.";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a sentence) or json ({\"message\"}).")
    TextOrJson output;

    LogoutCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        TokendClient client = context.client();
        PrintWriter out = spec.commandLine().getOut();
        RuntimeException failure = null;
        boolean ended = false;
        try {
            client.logout();
        } catch (ApiException e) {
            if (e.status() == 401) {
                ended = true;
            } else {
                failure = e;
            }
        } catch (UncheckedIOException e) {
            failure = e;
        }
        context.config().clear();
        if (failure != null) {
            spec.commandLine().getErr().println(
                    "Removed the local session, but the server did not delete it: it stays valid until it expires.");
            throw failure;
        }
        String sentence = (ended ? "Your session had already ended at the server. " : "")
                + "You are signed out. Run 'tokend login <url>' to sign in again.";
        if (output == TextOrJson.JSON) {
            JsonOutput.message(out, sentence);
        } else {
            out.println(sentence);
        }
        out.flush();
        return 0;
    }
}
