package dev.tokend.cli;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.model.CreateFirstUserRequest;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.sdk.model.User;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tokend login [url]} (reference §9.2): creates the first user on a new server, else signs in
 * with email and password or with a token, and stores the URL and session in the configuration
 * directory.
 */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {LoginCommand.SUMMARY, "",
            "On a server without users, creates the first user (the owner) and signs in as them. Otherwise asks "
                    + "for your email and password, or uses --token. Prompts read standard input when it is not a "
                    + "terminal, one answer per line.", ""},
        footer = {"", "Examples:",
            "  tokend login http://127.0.0.1:3000",
            "  tokend login https://tokend.example.com --token \"$TOKEN\"",
            "  tokend login http://127.0.0.1:3000 --first-user-email admin@example.com \\",
            "      --first-user-username admin --first-user-password 'SomeSecurePassword!'",
            "  printf '%s\\n' me@example.com \"$PASSWORD\" | tokend login 127.0.0.1:3000"})
final class LoginCommand implements Callable<Integer> {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Sign in to a tokend server and remember the session.";

    /** NOTE: the reference's wording; scripts match it. */
    static final String NOT_A_VALID_TOKEN = "That's not a valid token!";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "The server, e.g. http://127.0.0.1:3000. Default: $TOKEND_URL, else the stored URL.")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Sign in with this token instead of a password. By default a new key for the CLI is "
                    + "minted with it (POST /users/me/keys), so the CLI has its own session.")
    String token;

    @Option(names = "--use-token-as-session",
            description = "Store the --token itself as the session instead of minting a new key.")
    boolean useTokenAsSession;

    @Option(names = "--first-user-email", paramLabel = "EMAIL", description = "Email of the first user.")
    String firstUserEmail;

    @Option(names = "--first-user-username", paramLabel = "NAME", description = "Username of the first user.")
    String firstUserUsername;

    @Option(names = "--first-user-full-name", paramLabel = "NAME", description = "Full name of the first user.")
    String firstUserFullName;

    @Option(names = "--first-user-password", paramLabel = "PASSWORD",
            description = "Password of the first user. Env: TOKEND_FIRST_USER_PASSWORD (keeps it out of the "
                    + "process list).")
    String firstUserPassword;

    LoginCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        if (useTokenAsSession && token == null) {
            throw new ParameterException(spec.commandLine(), "--use-token-as-session needs --token");
        }
        URI server = server();
        TokendClient anonymous = context.anonymous(server);
        PrintWriter out = spec.commandLine().getOut();
        String session;
        if (!anonymous.hasFirstUser()) {
            out.println("This server has no users yet: creating the first user, who will be its owner.");
            out.flush();
            session = createFirstUser(anonymous);
        } else if (token != null) {
            session = fromToken(anonymous);
        } else {
            Prompter prompter = context.prompter(spec.commandLine().getErr());
            String email = prompter.line("Email: ");
            String password = prompter.secret("Password: ");
            session = anonymous.login(new LoginWithPasswordRequest(email, password)).sessionToken();
        }
        User me = anonymous.withSessionToken(session).me();
        context.config().save(server.toString(), session);
        out.println("Welcome to tokend, " + me.username() + "! You are signed in to " + server + ".");
        out.flush();
        return 0;
    }

    private URI server() {
        String text = url != null ? url : context.env(CliContext.ENV_URL);
        if (text == null) {
            text = context.config().url().orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "Missing the server URL: tokend login <url>"));
        }
        return ServerUrl.parse(text);
    }

    private String createFirstUser(TokendClient anonymous) {
        Prompter prompter = context.prompter(spec.commandLine().getErr());
        String email = firstUserEmail != null ? firstUserEmail : prompter.line("Email: ");
        String username = firstUserUsername != null ? firstUserUsername : prompter.line("Username: ");
        String fullName = firstUserFullName != null ? firstUserFullName : "";
        String password = firstUserPassword != null ? firstUserPassword : context.env("TOKEND_FIRST_USER_PASSWORD");
        if (password == null) {
            password = prompter.secret("Password: ");
            if (!password.equals(prompter.secret("Confirm password: "))) {
                throw new CliException("Passwords do not match.");
            }
        }
        anonymous.createFirstUser(new CreateFirstUserRequest(email, username, fullName, password, false));
        return anonymous.login(new LoginWithPasswordRequest(email, password)).sessionToken();
    }

    private String fromToken(TokendClient anonymous) {
        TokendClient given = anonymous.withSessionToken(token);
        try {
            if (useTokenAsSession) {
                given.me();
                return token;
            }
            return given.createApiKey("me").key();
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw new CliException(NOT_A_VALID_TOKEN);
            }
            throw e;
        }
    }
}
