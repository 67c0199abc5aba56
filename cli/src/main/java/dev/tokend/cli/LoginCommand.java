package dev.tokend.cli;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.json.UserJson;
import dev.tokend.sdk.model.CreateFirstUserRequest;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.sdk.model.User;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tokend login [url]} (reference §9.2, spec E.1): creates the first user on a new server,
 * else signs in through the browser (the {@code /cli-auth} page shows a token to paste), with a
 * token, or with email and password, and stores the URL and session in the configuration directory.
 */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = LoginTokenCommand.class,
        description = {LoginCommand.SUMMARY, "",
            "On a server without users, creates the first user (the owner) and signs in as them. Otherwise "
                    + "opens <url>/cli-auth in your browser, where you sign in and copy a token, and asks you to "
                    + "paste it; --token uses a token you have, --with-password asks for email and password "
                    + "instead. Prompts read standard input when it is not a terminal, one answer per line.", ""},
        footer = {"", "Examples:",
            "  tokend login http://127.0.0.1:3000",
            "  tokend login https://tokend.example.com --token \"$TOKEN\"",
            "  tokend login http://127.0.0.1:3000 --first-user-email admin@example.com \\",
            "      --first-user-username admin --first-user-password 'SomeSecurePassword!'",
            "  printf '%%s\\n' me@example.com \"$PASSWORD\" | tokend login 127.0.0.1:3000 --with-password",
            "  tokend login token              # print the session token, for scripts"})
final class LoginCommand implements Callable<Integer> {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Sign in to a tokend server and remember the session.";

    /** NOTE: the reference's wording (spec E.1); scripts match it. */
    static final String NOT_A_VALID_TOKEN = "That's not a valid token!";
    /** NOTE: the reference's prompt (spec E.1); the /cli-auth page tells the user to paste the token here. */
    static final String PASTE_PROMPT = "Paste your token here: ";
    /** NOTE: the reference's wording for a bad email at the first-user prompts. */
    static final String NOT_A_VALID_EMAIL = "That's not a valid email address!";

    /** Usernames as the server accepts them (Coder's {@code NameValid}): letters, digits, single hyphens. */
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*");
    private static final int MAX_USERNAME_LENGTH = 32;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "The server, e.g. http://127.0.0.1:3000. Default: $TOKEND_URL, else the stored URL.")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Sign in with this token instead of the browser. By default a new key for the CLI is "
                    + "minted with it (POST /users/me/keys), so the CLI has its own session.")
    String token;

    @Option(names = "--use-token-as-session",
            description = "Store the --token itself as the session instead of minting a new key.")
    boolean useTokenAsSession;

    @Option(names = "--with-password",
            description = "Ask for email and password instead of opening the browser.")
    boolean withPassword;

    @Option(names = "--no-open", description = "Do not open the browser; only print the address to visit. "
            + "Env: TOKEND_NO_OPEN.")
    boolean noOpen;

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

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a sentence) or json (the signed-in user).")
    TextOrJson output;

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
        } else if (withPassword) {
            Prompter prompter = context.prompter(spec.commandLine().getErr());
            String email = prompter.line("Email: ");
            String password = prompter.secret("Password: ");
            session = anonymous.login(new LoginWithPasswordRequest(email, password)).sessionToken();
        } else {
            session = fromBrowser(anonymous, server);
        }
        User me = anonymous.withSessionToken(session).me();
        context.config().save(server.toString(), session);
        if (output == TextOrJson.JSON) {
            JsonOutput.print(out, me, UserJson::write);
        } else {
            out.println("Welcome to tokend, " + me.username() + "! You are signed in to " + server + ".");
        }
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

    /**
     * Spec E.1: shows {@code <url>/cli-auth} (opened in the browser when someone is at the terminal),
     * then asks for the token that page shows until one works. The token is stored as it is: the
     * page minted it for the CLI.
     */
    private String fromBrowser(TokendClient anonymous, URI server) {
        URI page = URI.create(server.toString().replaceAll("/+$", "") + "/cli-auth");
        PrintWriter err = spec.commandLine().getErr();
        boolean opened = !noOpen && context.env("TOKEND_NO_OPEN") == null && context.interactive() && open(page);
        err.println(opened ? "Your browser has been opened to visit:" : "Open the following in your browser:");
        err.println();
        err.println("\t" + page);
        err.println();
        err.flush();
        Prompter prompter = context.prompter(err);
        while (true) {
            String pasted = prompter.secret(PASTE_PROMPT);
            if (TokenText.problem(pasted).isEmpty() && works(anonymous.withSessionToken(pasted))) {
                return pasted;
            }
            err.println(NOT_A_VALID_TOKEN);
            err.flush();
        }
    }

    private static boolean works(TokendClient client) {
        try {
            client.me();
            return true;
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Opens {@code page} with $BROWSER, else the desktop's opener; false when there is none. */
    private boolean open(URI page) {
        String browser = context.env("BROWSER");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = browser != null ? List.of(browser, page.toString())
                : os.contains("mac") ? List.of("open", page.toString())
                : os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", page.toString())
                : List.of("xdg-open", page.toString());
        try {
            new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (IOException e) {
            return false; // no such program: the address is printed for the user to open
        }
    }

    /**
     * Flags when given (the server validates them); otherwise asks, checking each answer as it is
     * given and asking again: the email's and the username's syntax, and the password with {@link
     * PasswordPrompt} (and, since the policy endpoint needs a session that does not exist yet, again
     * by the server when it creates the user).
     */
    private String createFirstUser(TokendClient anonymous) {
        Prompter prompter = context.prompter(spec.commandLine().getErr());
        PrintWriter err = spec.commandLine().getErr();
        String email = firstUserEmail;
        while (email == null) {
            email = prompter.line("Email: ");
            if (!EMAIL.matcher(email).matches()) {
                say(err, NOT_A_VALID_EMAIL);
                email = null;
            }
        }
        String username = firstUserUsername;
        while (username == null) {
            username = prompter.line("Username: ");
            if (username.length() > MAX_USERNAME_LENGTH || !USERNAME.matcher(username).matches()) {
                say(err, "That's not a valid username: 1 to " + MAX_USERNAME_LENGTH
                        + " letters or digits, with single hyphens between them.");
                username = null;
            }
        }
        String fullName = firstUserFullName != null ? firstUserFullName : "";
        String password = firstUserPassword != null ? firstUserPassword : context.env("TOKEND_FIRST_USER_PASSWORD");
        if (password != null) {
            anonymous.createFirstUser(new CreateFirstUserRequest(email, username, fullName, password, false));
            return anonymous.login(new LoginWithPasswordRequest(email, password)).sessionToken();
        }
        PasswordPrompt passwords = new PasswordPrompt(prompter, err, anonymous);
        while (true) {
            password = passwords.ask("Password: ");
            try {
                anonymous.createFirstUser(new CreateFirstUserRequest(email, username, fullName, password, false));
                return anonymous.login(new LoginWithPasswordRequest(email, password)).sessionToken();
            } catch (ApiException e) {
                Optional<String> weak = e.validations().stream().filter(v -> v.field().equals("password"))
                        .map(v -> v.detail()).findFirst();
                if (e.status() != 400 || weak.isEmpty()) {
                    throw e;
                }
                passwords.refused(weak.get()); // and ask again
            }
        }
    }

    private static void say(PrintWriter err, String sentence) {
        err.println(sentence);
        err.flush();
    }

    private String fromToken(TokendClient anonymous) {
        if (TokenText.looksLikeToken(token) && TokenText.problem(token).isPresent()) {
            throw new CliException(NOT_A_VALID_TOKEN + " " + TokenText.problem(token).get());
        }
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
