package dev.tokend.cli;

import dev.tokend.sdk.json.Encoder;
import dev.tokend.sdk.json.UserJson;
import dev.tokend.sdk.model.User;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokend users list} (alias {@code ls}): the users you may see. */
@Command(
        name = "list",
        aliases = "ls",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"List users. Members see only themselves.", ""},
        footer = {"", "Examples:",
            "  tokend users ls",
            "  tokend users ls --search 'status:suspended'",
            "  tokend users ls -c username,roles -o table"})
final class UserListCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--search"}, paramLabel = "QUERY",
            description = "Filter: text to find in usernames and emails, and status:<active|dormant|suspended>.")
    String search;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table or json.")
    TableOrJson output;

    @Option(names = {"-c", "--column"}, paramLabel = "COLUMN", split = ",",
            description = "Columns to show (repeatable or comma-separated). " + UserColumns.HELP)
    List<String> columns;

    UserListCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        Table<User> table = UserColumns.table(context.clock().instant());
        List<Table.Column<User>> selected = table.select(spec.commandLine(), columns, UserColumns.LIST);
        List<User> users = context.client().users(search, 0, 0).users();
        PrintWriter out = spec.commandLine().getOut();
        if (output == TableOrJson.JSON) {
            JsonOutput.print(out, users, Encoder.listOf(UserJson::write));
        } else if (users.isEmpty()) {
            out.println("No users found.");
        } else {
            table.print(out, selected, users);
        }
        out.flush();
        return 0;
    }
}
