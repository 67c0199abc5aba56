package dev.tokend.cli;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.model.ApiKey;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tokend tokens remove <name|id|token>} (aliases {@code rm}, {@code delete}): expires the
 * token by default, which stops it at once but keeps the record for an incident review; with
 * {@code --delete} removes it.
 */
@Command(
        name = "remove",
        aliases = {"rm", "delete"},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Stop a token now. By default it is expired: it no longer works but stays listed with "
                + "--include-expired (who owned it, when it was last used) until purged. --delete removes it.", ""},
        footer = {"", "Examples:",
            "  tokend tokens rm ci",
            "  tokend tokens rm 8fJ2kQ9xLm --delete",
            "  tokend tokens rm \"$LEAKED_TOKEN\"      # the token itself works too"})
final class TokenRemoveCommand implements Callable<Integer> {
    /** NOTE: the reference CLI's messages; scripts match them. */
    static final String EXPIRED = "Token has been expired.";
    static final String DELETED = "Token has been deleted.";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME|ID|TOKEN", description = "The token's name, its id, or the token.")
    String reference;

    @Option(names = "--delete", description = "Delete the token instead of expiring it.")
    boolean delete;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", defaultValue = "me",
            description = "Whose token a name refers to (username or id). Default: me.")
    String user;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a sentence) or json ({\"id\", \"message\"}).")
    TextOrJson output;

    TokenRemoveCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        TokenResolver.checkFormat(reference);
        TokendClient client = context.client();
        ApiKey key = TokenResolver.resolve(client, user, reference);
        PrintWriter out = spec.commandLine().getOut();
        if (delete) {
            client.deleteApiKey(user, key.id());
        } else {
            client.expireApiKey(user, key.id());
        }
        String sentence = delete ? DELETED : EXPIRED;
        if (output == TextOrJson.JSON) {
            JsonOutput.strings(out, "id", key.id(), "message", sentence);
        } else {
            out.println(sentence);
        }
        out.flush();
        return 0;
    }
}
