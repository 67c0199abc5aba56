package dev.tokend.cli;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.model.User;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tokend users}: the group of user commands. The one-line actions (suspend, activate,
 * delete) are methods here; commands with options have classes of their own.
 */
@Command(
        name = "users",
        aliases = "user",
        mixinStandardHelpOptions = true,
        description = {UsersCommand.SUMMARY, ""},
        subcommands = {UserListCommand.class, UserCreateCommand.class, UserShowCommand.class, UserRolesCommand.class},
        footer = {"", "Examples:",
            "  tokend users list",
            "  tokend users create --email alice@example.com --username alice",
            "  tokend users show alice",
            "  tokend users roles alice user-admin auditor",
            "  tokend users suspend alice",
            "  tokend users activate alice",
            "  tokend users delete alice"})
final class UsersCommand {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Manage users (owners and user admins).";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    UsersCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = {"Suspend a user: their keys stop working until they are activated again.", ""},
            footer = {"", "Examples:", "  tokend users suspend alice"})
    int suspend(@Parameters(paramLabel = "USER", description = "Username or id.") String user) {
        User suspended = context.client().suspendUser(user);
        return say("User " + suspended.username() + " is now " + suspended.status() + ".");
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = {"Activate a suspended or dormant user.", ""},
            footer = {"", "Examples:", "  tokend users activate alice"})
    int activate(@Parameters(paramLabel = "USER", description = "Username or id.") String user) {
        User activated = context.client().activateUser(user);
        return say("User " + activated.username() + " is now " + activated.status() + ".");
    }

    @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
            description = {"Delete a user and every key they hold.", ""},
            footer = {"", "Examples:", "  tokend users delete alice"})
    int delete(@Parameters(paramLabel = "USER", description = "Username or id.") String user) {
        TokendClient client = context.client();
        // Resolve first so the message names the user even when given by id.
        User target = client.user(user);
        client.deleteUser(target.id().toString());
        return say("User " + target.username() + " has been deleted.");
    }

    private int say(String sentence) {
        spec.commandLine().getOut().println(sentence);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
