package dev.tokend.cli;

import dev.tokend.sdk.json.UserJson;
import dev.tokend.sdk.model.User;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokend users show <user>}: one user. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Show one user.", ""},
        footer = {"", "Examples:", "  tokend users show me", "  tokend users show alice -o json"})
final class UserShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER", description = "me, a username or an id.")
    String user;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table or json.")
    TableOrJson output;

    @Option(names = {"-c", "--column"}, paramLabel = "COLUMN", split = ",",
            description = "Columns to show (repeatable or comma-separated). " + UserColumns.HELP)
    List<String> columns;

    UserShowCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        Table<User> table = UserColumns.table(context.clock().instant());
        List<Table.Column<User>> selected = table.select(spec.commandLine(), columns, UserColumns.ONE);
        User found = context.client().user(user);
        PrintWriter out = spec.commandLine().getOut();
        if (output == TableOrJson.JSON) {
            JsonOutput.print(out, found, UserJson::write);
        } else {
            table.print(out, selected, List.of(found));
        }
        return 0;
    }
}
