package dev.tokend.cli;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.json.UserJson;
import dev.tokend.sdk.model.User;
import java.io.PrintWriter;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
final class UsersCommand implements Runnable {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Manage users (owners and user admins).";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    UsersCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** {@code tokend users} alone lists the subcommands, as {@code tokend} alone lists the commands. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = {"Suspend a user: their keys stop working until they are activated again.", ""},
            footer = {"", "Examples:", "  tokend users suspend alice"})
    int suspend(@Parameters(paramLabel = "USER", description = "Username or id.") String user,
            @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
                    description = "text (a sentence) or json (the user).") TextOrJson output) {
        User suspended = context.client().suspendUser(user);
        return say(output, suspended, "User " + suspended.username() + " is now " + suspended.status() + ".");
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = {"Activate a suspended or dormant user.", ""},
            footer = {"", "Examples:", "  tokend users activate alice"})
    int activate(@Parameters(paramLabel = "USER", description = "Username or id.") String user,
            @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
                    description = "text (a sentence) or json (the user).") TextOrJson output) {
        User activated = context.client().activateUser(user);
        return say(output, activated, "User " + activated.username() + " is now " + activated.status() + ".");
    }

    @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
            description = {"Delete a user and every key they hold.", ""},
            footer = {"", "Examples:", "  tokend users delete alice"})
    int delete(@Parameters(paramLabel = "USER", description = "Username or id.") String user,
            @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
                    description = "text (a sentence) or json ({\"message\"}).") TextOrJson output) {
        TokendClient client = context.client();
        // Resolve first so the message names the user even when given by id.
        User target = client.user(user);
        client.deleteUser(target.id().toString());
        return say(output, null, "User " + target.username() + " has been deleted.");
    }

    /** The sentence, or with {@code -o json} the user (or, without one, the sentence as {@code {"message"}}). */
    private int say(TextOrJson output, User user, String sentence) {
        PrintWriter out = spec.commandLine().getOut();
        if (output == TextOrJson.JSON && user != null) {
            JsonOutput.print(out, user, UserJson::write);
        } else if (output == TextOrJson.JSON) {
            JsonOutput.message(out, sentence);
        } else {
            out.println(sentence);
        }
        out.flush();
        return 0;
    }
}
