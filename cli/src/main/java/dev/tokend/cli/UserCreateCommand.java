package dev.tokend.cli;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.json.UserJson;
import dev.tokend.sdk.model.CreateUserRequest;
import dev.tokend.sdk.model.User;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tokend users create}: a new member of your organization. Without {@code --password},
 * {@code --password-stdin} or {@code $TOKEND_NEW_USER_PASSWORD} the password is asked for (checked
 * against the server's policy as soon as it is typed, then confirmed; not echoed on a terminal), so
 * it stays out of the shell history.
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Create a user in your organization. New users are dormant until they first sign in.", "",
            "For a password user, the password comes from --password, --password-stdin or $TOKEND_NEW_USER_PASSWORD; "
                    + "without them it is asked for twice (hidden on a terminal) and checked against the server's "
                    + "password policy as soon as it is typed.", ""},
        footer = {"", "Examples:",
            "  tokend users create --email alice@example.com --username alice",
            "  tokend users create -e bot@example.com -u bot --login-type none -o json",
            "  printf '%%s\\n' \"$PASSWORD\" | tokend users create -e carol@example.com -u carol --password-stdin"})
final class UserCreateCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-e", "--email"}, paramLabel = "EMAIL", required = true, description = "Email (sign-in name).")
    String email;

    @Option(names = {"-u", "--username"}, paramLabel = "NAME", required = true, description = "Username.")
    String username;

    @Option(names = {"-n", "--full-name"}, paramLabel = "NAME", defaultValue = "", description = "Full name.")
    String fullName;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "Password. Default: asked for. Env: TOKEND_NEW_USER_PASSWORD.")
    String password;

    @Option(names = "--password-stdin",
            description = "Read the password from the first line of standard input (for scripts).")
    boolean passwordStdin;

    @Option(names = "--login-type", paramLabel = "TYPE", defaultValue = "password",
            description = "password, or none for a user who signs in only with tokens. Default: ${DEFAULT-VALUE}.")
    String loginType;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a sentence) or json (the new user).")
    TextOrJson output;

    UserCreateCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        TokendClient client = context.client();
        List<UUID> organizations = client.me().organizationIds();
        if (organizations == null || organizations.isEmpty()) {
            throw new CliException("You are not a member of any organization to add the user to.");
        }
        String secret = loginType.equals("password") ? password(client) : "";
        User created = client.createUser(new CreateUserRequest(email, username, fullName, secret, loginType,
                List.of(organizations.get(0)), ""));
        PrintWriter out = spec.commandLine().getOut();
        if (output == TextOrJson.JSON) {
            JsonOutput.print(out, created, UserJson::write);
        } else {
            out.println("User " + created.username() + " (" + created.email() + ") has been created; they are "
                    + created.status() + " until they first sign in.");
        }
        out.flush();
        return 0;
    }

    private String password(TokendClient client) {
        if (passwordStdin && password != null) {
            throw new ParameterException(spec.commandLine(), "Give --password or --password-stdin, not both.");
        }
        if (password != null) {
            return password;
        }
        if (passwordStdin) {
            return context.stdinLine().orElseThrow(
                    () -> new CliException("--password-stdin: standard input ended before a password."));
        }
        String fromEnv = context.env("TOKEND_NEW_USER_PASSWORD");
        if (fromEnv != null) {
            return fromEnv;
        }
        Prompter prompter = context.prompter(spec.commandLine().getErr());
        return new PasswordPrompt(prompter, spec.commandLine().getErr(), client).ask("Password for " + username + ": ");
    }
}
