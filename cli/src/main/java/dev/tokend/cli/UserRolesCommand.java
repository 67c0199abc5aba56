package dev.tokend.cli;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.json.UserJson;
import dev.tokend.sdk.model.User;
import java.io.PrintWriter;
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
 * {@code tokend users roles <user> [role...]}: sets a user's site roles to exactly those given, or
 * shows them when none are given. Removing every role takes {@code --clear}, so a forgotten
 * argument cannot strip an owner.
 */
@Command(
        name = "roles",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Show or set a user's site roles: owner, user-admin, auditor, template-admin.", ""},
        footer = {"", "Examples:",
            "  tokend users roles alice                     # show",
            "  tokend users roles alice user-admin auditor  # set exactly these",
            "  tokend users roles alice --clear             # remove all"})
final class UserRolesCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER", description = "Username or id.")
    String user;

    @Parameters(index = "1..*", paramLabel = "ROLE", description = "The roles the user should hold.")
    List<String> roles;

    @Option(names = "--clear", description = "Remove every site role.")
    boolean clear;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a sentence) or json (the user).")
    TextOrJson output;

    UserRolesCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        boolean given = roles != null && !roles.isEmpty();
        if (clear && given) {
            throw new ParameterException(spec.commandLine(), "Give roles or --clear, not both.");
        }
        TokendClient client = context.client();
        User result = clear || given ? client.updateRoles(user, clear ? List.of() : roles) : client.user(user);
        PrintWriter out = spec.commandLine().getOut();
        String held = UserColumns.roles(result.roles());
        if (output == TextOrJson.JSON) {
            JsonOutput.print(out, result, UserJson::write);
            return 0;
        }
        out.println(held.isEmpty()
                ? "User " + result.username() + " has no site roles."
                : "User " + result.username() + " has the site roles: " + held + ".");
        out.flush();
        return 0;
    }
}
