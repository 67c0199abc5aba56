package dev.tokend.cli;

import dev.tokend.sdk.GoDuration;
import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.json.ApiKeyJson;
import dev.tokend.sdk.model.AllowListTarget;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.CreateTokenRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tokend tokens create}: mints a named token. The text output is the token alone, so
 * {@code TOKEN=$(tokend tokens create)} works; this is the only time its secret is shown.
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Create a token and print it. It is shown only this once.", ""},
        footer = {"", "Examples:",
            "  tokend tokens create --name ci",
            "  export TOKEN=$(tokend tokens create --lifetime 30d --scope user:read)",
            "  tokend tokens create --scope api_key:read --scope user:read",
            "  tokend tokens create --allow workspace:5b1a6f2e-9d0c-4a57-8f43-2c9e1d7b6a10",
            "  tokend tokens create --user alice --name ci-alice -o json"})
final class TokenCreateCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", defaultValue = "",
            description = "Token name, unique per user. Default: a generated one such as brave_hopper.")
    String name;

    @Option(names = "--lifetime", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the token is valid: Go durations with d and y units (90m, 24h, 30d, 1y). "
                    + "Default: the longest the server allows for the user.")
    Duration lifetime;

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "A scope the token is limited to (repeatable), e.g. api_key:read. Default: coder:all.")
    List<String> scopes;

    @Option(names = "--allow", paramLabel = "TYPE:UUID", converter = AllowListConverter.class,
            description = "A resource the token may touch (repeatable), as <type>:<uuid>; either part may be *. "
                    + "Default: *:*.")
    List<AllowListTarget> allow;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", defaultValue = "me",
            description = "Create the token for this user (username or id; owners only). Default: me.")
    String user;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (the token alone) or json (the token's fields and key).")
    TextOrJson output;

    TokenCreateCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
            throw new ParameterException(spec.commandLine(), "--lifetime must be positive, not " + GoDuration.format(lifetime));
        }
        TokendClient client = context.client();
        Duration chosen = TokenLifetime.choose(client, user, lifetime);
        String key = client.createToken(user, CreateTokenRequest.of(name, chosen, scopes, allow)).key();
        PrintWriter out = spec.commandLine().getOut();
        if (output == TextOrJson.TEXT) {
            out.println(key);
        } else {
            String id = TokenText.idOf(key).orElseThrow(
                    () -> new CliException("The server answered with a token in an unknown format."));
            ApiKey created = client.apiKey(user, id);
            // The key's fields, then the secret, which only this answer shows.
            JsonOutput.print(out, created, (g, k) -> {
                g.writeStartObject();
                ApiKeyJson.writeFields(g, k);
                g.writeStringField("key", key);
                g.writeEndObject();
            });
        }
        out.flush();
        return 0;
    }
}
