package dev.tokend.cli;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.GoDuration;
import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.json.ApiKeyJson;
import dev.tokend.sdk.model.AllowListTarget;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.UpdateTokenRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tokend tokens update <name>}: narrows or re-sets a token in place (PATCH). Options not
 * given stay as they are; a new lifetime starts now.
 */
@Command(
        name = "update",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Change a token's scopes, allow list or lifetime. The token itself stays the same.", "",
            "The server refuses changes that would give the token more than the key you are signed in with.", ""},
        footer = {"", "Examples:",
            "  tokend tokens update ci --scope api_key:read --scope user:read",
            "  tokend tokens update ci --lifetime 30d      # valid for 30 days from now",
            "  tokend tokens update ci --allow '*:*'       # lift the allow list"})
final class TokenUpdateCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The token's name.")
    String name;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "The token's new scopes (repeatable).")
    List<String> scopes;

    @Option(names = "--allow", paramLabel = "TYPE:UUID", converter = AllowListConverter.class,
            description = "The token's new allow list (repeatable), as <type>:<uuid>; either part may be *.")
    List<AllowListTarget> allow;

    @Option(names = "--lifetime", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A new lifetime from now: Go durations with d and y units (90m, 24h, 30d, 1y).")
    Duration lifetime;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", defaultValue = "me",
            description = "Whose token it is (username or id). Default: me.")
    String user;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table or json.")
    TableOrJson output;

    TokenUpdateCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        if (scopes == null && allow == null && lifetime == null) {
            throw new ParameterException(spec.commandLine(), "Nothing to update: give --scope, --allow or --lifetime.");
        }
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
            throw new ParameterException(spec.commandLine(),
                    "--lifetime must be positive, not " + GoDuration.format(lifetime));
        }
        TokendClient client = context.client();
        Long nanos = lifetime == null ? null : TokenLifetime.choose(client, user, lifetime).toNanos();
        ApiKey updated;
        try {
            updated = client.updateToken(user, name, new UpdateTokenRequest(null, scopes, allow, nanos));
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new CliException("Token \"" + name + "\" not found.");
            }
            throw e;
        }
        ApiKeyWithOwner token = TokenResolver.withOwner(client, updated);
        PrintWriter out = spec.commandLine().getOut();
        if (output == TableOrJson.JSON) {
            JsonOutput.print(out, token, ApiKeyJson::write);
        } else {
            Table<ApiKeyWithOwner> table = TokenColumns.table(context.clock().instant());
            table.print(out, table.select(spec.commandLine(), null, TokenColumns.ONE), List.of(token));
        }
        return 0;
    }
}
