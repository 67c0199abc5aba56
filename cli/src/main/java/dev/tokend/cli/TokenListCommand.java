package dev.tokend.cli;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.json.ApiKeyJson;
import dev.tokend.sdk.json.Encoder;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.AuthorizationRequest;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokend tokens list} (alias {@code ls}): your named tokens, or everyone's you may see. */
@Command(
        name = "list",
        aliases = "ls",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"List tokens. Sessions and CLI keys are not tokens and are not listed.", ""},
        footer = {"", "Examples:",
            "  tokend tokens ls",
            "  tokend tokens ls --all --include-expired",
            "  tokend tokens ls -c name,expires_at,last_used",
            "  tokend tokens ls -o json"})
final class TokenListCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--all"},
            description = "Tokens of every user you may see (owners see all), with an owner column.")
    boolean all;

    @Option(names = "--include-expired", description = "Also expired tokens, until the purge job removes them.")
    boolean includeExpired;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table or json.")
    TableOrJson output;

    @Option(names = {"-c", "--column"}, paramLabel = "COLUMN", split = ",",
            description = "Columns to show (repeatable or comma-separated). " + TokenColumns.HELP)
    List<String> columns;

    /** NOTE: the server's 404 for a token that may not read a resource; the CLI says the same. */
    static final String NO_ACCESS = "Resource not found or you do not have access to this resource";

    TokenListCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        Table<ApiKeyWithOwner> table = TokenColumns.table(context.clock().instant());
        // Check the columns before the request: a typo is a usage error whatever the server says.
        List<Table.Column<ApiKeyWithOwner>> selected =
                table.select(spec.commandLine(), columns, all ? TokenColumns.LIST_ALL : TokenColumns.LIST);
        TokendClient client = context.client();
        List<ApiKeyWithOwner> tokens = client.tokens("me", all, includeExpired);
        if (tokens.isEmpty()) {
            requireReadScope(client);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == TableOrJson.JSON) {
            JsonOutput.print(out, tokens, Encoder.listOf(ApiKeyJson::write));
        } else if (tokens.isEmpty()) {
            out.println("No tokens found.");
        } else {
            table.print(out, selected, tokens);
        }
        out.flush();
        return 0;
    }

    /**
     * The server lists only the tokens the caller may read, so a token without {@code api_key:read}
     * gets an empty list, which would read "No tokens found." An empty list is therefore checked
     * with the authorization API and, when reading was not allowed, reported as such.
     */
    private void requireReadScope(TokendClient client) {
        AuthorizationRequest.AuthObject object =
                new AuthorizationRequest.AuthObject("api_key", all ? null : "me", null, null);
        Map<String, Boolean> may = client.authCheck(
                new AuthorizationRequest(Map.of("read", new AuthorizationRequest.Check(object, "read"))));
        if (!Boolean.TRUE.equals(may.get("read"))) {
            throw new CliException(NO_ACCESS + ": this token may not read tokens (it lacks the scope api_key:read).");
        }
    }
}
