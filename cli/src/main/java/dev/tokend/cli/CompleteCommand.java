package dev.tokend.cli;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.User;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tokend __complete <kind> [prefix]}: values for shell completion, one per line, read from
 * the signed-in server. Hidden; the scripts of {@code tokend completion} call it. It gives up after
 * {@link #TIMEOUT} and is quiet on every failure (not signed in, server down, no permission): a
 * completion that prints errors into the command line being typed is worse than none.
 */
@Command(name = CompleteCommand.NAME, hidden = true,
        description = "Values for shell completion: tokens, users, scopes or roles.")
final class CompleteCommand implements Callable<Integer> {
    /** NOTE: the completion scripts call this name. */
    static final String NAME = "__complete";
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /**
     * The site roles a user can be given. NOTE: the server has no endpoint listing them; this list
     * is the server's (README, {@code users roles}).
     */
    static final List<String> SITE_ROLES = List.of("owner", "user-admin", "auditor", "template-admin");

    /** What can be completed. */
    enum Kind {
        TOKENS,
        USERS,
        SCOPES,
        ROLES;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND")
    Kind kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PREFIX", defaultValue = "")
    String prefix;

    CompleteCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        List<String> values;
        try {
            values = values();
        } catch (RuntimeException e) {
            values = List.of(); // quiet by design, see the class comment
        }
        PrintWriter out = spec.commandLine().getOut();
        values.stream().filter(v -> v.startsWith(prefix)).distinct().sorted().forEach(out::println);
        out.flush();
        return 0;
    }

    private List<String> values() {
        if (kind == Kind.ROLES) {
            return SITE_ROLES;
        }
        context.requestTimeout(TIMEOUT);
        TokendClient client = context.client();
        return switch (kind) {
            case TOKENS -> client.tokens("me", false, false).stream().map(ApiKeyWithOwner::tokenName).toList();
            case USERS -> client.users(prefix.isEmpty() ? null : prefix, 0, 0).users().stream().map(User::username)
                    .toList();
            case SCOPES -> client.scopes();
            case ROLES -> SITE_ROLES;
        };
    }
}
