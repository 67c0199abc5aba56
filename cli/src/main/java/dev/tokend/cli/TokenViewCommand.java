package dev.tokend.cli;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.json.ApiKeyJson;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokend tokens view <name|id>}: one token, with its owner. */
@Command(
        name = "view",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Show one token, by name or id.", ""},
        footer = {"", "Examples:", "  tokend tokens view ci", "  tokend tokens view 8fJ2kQ9xLm -o json"})
final class TokenViewCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The token's name, its id, or the token itself.")
    String reference;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", defaultValue = "me",
            description = "Whose token a name refers to (username or id). Default: me.")
    String user;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table or json.")
    TableOrJson output;

    @Option(names = {"-c", "--column"}, paramLabel = "COLUMN", split = ",",
            description = "Columns to show (repeatable or comma-separated). " + TokenColumns.HELP)
    List<String> columns;

    TokenViewCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        Table<ApiKeyWithOwner> table = TokenColumns.table(context.clock().instant());
        List<Table.Column<ApiKeyWithOwner>> selected = table.select(spec.commandLine(), columns, TokenColumns.ONE);
        TokenResolver.checkFormat(reference);
        TokendClient client = context.client();
        ApiKeyWithOwner token = TokenResolver.withOwner(client, TokenResolver.resolve(client, user, reference));
        PrintWriter out = spec.commandLine().getOut();
        if (output == TableOrJson.JSON) {
            JsonOutput.print(out, token, ApiKeyJson::write);
        } else {
            table.print(out, selected, List.of(token));
        }
        return 0;
    }
}
