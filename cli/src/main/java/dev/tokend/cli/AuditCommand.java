package dev.tokend.cli;

import dev.tokend.sdk.json.AuditJson;
import dev.tokend.sdk.model.AuditLog;
import dev.tokend.sdk.model.AuditLogResponse;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokend audit [query]}: the audit log, newest first (owners and auditors). */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {AuditCommand.SUMMARY, "",
            "The query is space-separated key:value terms: resource_type, resource_id, resource_target, action, "
                    + "username (me is you), email, date_from and date_to (YYYY-MM-DD), request_id, organization. "
                    + "A bare word means resource_type.", ""},
        footer = {"", "Examples:",
            "  tokend audit",
            "  tokend audit resource_type:api_key action:delete date_from:2026-11-01",
            "  tokend audit 'resource_target:\"my token\"' -o json",
            "  tokend audit --limit 100 --offset 100"})
final class AuditCommand implements Callable<Integer> {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Show the audit log, newest first. Owners and auditors only.";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> DEFAULT_COLUMNS =
            List.of("time", "user", "action", "resource", "target", "status");

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Search terms, joined with spaces.")
    List<String> query;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "Entries to show (0 for all). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Entries to skip.")
    int offset;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table or json.")
    TableOrJson output;

    @Option(names = {"-c", "--column"}, paramLabel = "COLUMN", split = ",",
            description = "Columns to show (repeatable or comma-separated). Columns: time, user, action, resource, "
                    + "target, status, description, ip, request id.")
    List<String> columns;

    AuditCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        if (limit < 0 || offset < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--limit and --offset must not be negative");
        }
        Table<AuditLog> table = table();
        List<Table.Column<AuditLog>> selected = table.select(spec.commandLine(), columns, DEFAULT_COLUMNS);
        String q = query == null ? null : String.join(" ", query);
        AuditLogResponse page = context.client().auditLogs(q, limit, offset);
        PrintWriter out = spec.commandLine().getOut();
        if (output == TableOrJson.JSON) {
            JsonOutput.print(out, page, AuditJson::write);
        } else if (page.auditLogs().isEmpty()) {
            out.println("No audit log entries found.");
        } else {
            table.print(out, selected, page.auditLogs());
            if (page.count() > offset + page.auditLogs().size()) {
                // On standard error: standard output stays a table a script can read.
                PrintWriter err = spec.commandLine().getErr();
                err.printf("Showing %d-%d of %d entries; see --offset.%n", offset + 1,
                        offset + page.auditLogs().size(), page.count());
                err.flush();
            }
        }
        out.flush();
        return 0;
    }

    private static Table<AuditLog> table() {
        return new Table<>(
                new Table.Column<>("time", a -> a.time() == null ? "" : TIME.format(a.time())),
                new Table.Column<>("user", a -> a.user() == null ? "" : a.user().username()),
                new Table.Column<>("action", AuditLog::action),
                new Table.Column<>("resource", AuditLog::resourceType),
                new Table.Column<>("target", AuditLog::resourceTarget),
                new Table.Column<>("status", a -> String.valueOf(a.statusCode())),
                new Table.Column<>("description", AuditLog::description),
                new Table.Column<>("ip", AuditLog::ip),
                new Table.Column<>("request id", a -> Objects.toString(a.requestId(), "")));
    }
}
