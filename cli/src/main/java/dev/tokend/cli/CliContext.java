package dev.tokend.cli;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.Transport;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one run of the CLI takes from its surroundings (environment variables, standard input, the
 * console, the clock, the home directory) and the server it talks to. {@link Main} makes a new one
 * per command line, so nothing leaks from one run to the next; tests pass their own.
 */
final class CliContext implements AutoCloseable {
    /** Overrides the stored server URL for every command. */
    static final String ENV_URL = "TOKEND_URL";
    /** Overrides the stored session token for every command. */
    static final String ENV_SESSION_TOKEN = "TOKEND_SESSION_TOKEN";
    /** Overrides the configuration directory, as {@code --global-config} does. */
    static final String ENV_CONFIG_DIR = "TOKEND_CONFIG_DIR";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Function<String, String> env;
    private final Supplier<Console> consoleSource;
    private Console console;
    private boolean consoleLooked;
    private final Reader stdin;
    private final InstantSource clock;
    private final Path home;

    private Path configOverride;
    private BufferedReader input;
    private URI target;
    /**
     * For http: servers, HttpURLConnection (no TLS set-up, no selector thread: it starts about
     * 100 ms sooner than the JDK's HttpClient) with the HttpClient below only for PATCH, which it
     * cannot send; for https:, the JDK's HttpClient. Each made when first needed, one per run.
     */
    private Transport plain;
    private HttpClient plainHttp;
    private HttpClient tlsHttp;
    private boolean sessionFromEnvironment;
    private Duration requestTimeout = Duration.ofSeconds(30);

    CliContext(Function<String, String> env, Console console, Reader stdin, InstantSource clock, Path home) {
        this(env, () -> console, stdin, clock, home);
    }

    private CliContext(Function<String, String> env, Supplier<Console> console, Reader stdin, InstantSource clock,
            Path home) {
        this.env = Objects.requireNonNull(env, "env");
        this.consoleSource = Objects.requireNonNull(console, "console");
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.home = Objects.requireNonNull(home, "home");
    }

    /** The real process: its environment, console, standard input, system clock and home. */
    static CliContext system() {
        // The console only when a prompt needs it: finding it loads the JDK's console providers
        // (JLine and jshell's among them), which costs more than most commands' own work.
        return new CliContext(System::getenv, System::console,
                new InputStreamReader(System.in, Charset.defaultCharset()), InstantSource.system(),
                Path.of(System.getProperty("user.home")));
    }

    /** The environment variable {@code name}, or null when unset or empty. */
    String env(String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    Function<String, String> environment() {
        return env;
    }

    InstantSource clock() {
        return clock;
    }

    /** Set by {@code --global-config}. */
    void configOverride(Path dir) {
        this.configOverride = dir;
    }

    /**
     * {@code --global-config}, else {@code $TOKEND_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/tokend},
     * else {@code ~/.config/tokend}.
     */
    ConfigStore config() {
        if (configOverride != null) {
            return new ConfigStore(configOverride);
        }
        String fromEnv = env(ENV_CONFIG_DIR);
        if (fromEnv != null) {
            return new ConfigStore(Path.of(fromEnv));
        }
        String xdg = env("XDG_CONFIG_HOME");
        Path base = xdg != null ? Path.of(xdg) : home.resolve(".config");
        return new ConfigStore(base.resolve("tokend"));
    }

    /** Asks on the console when there is one, else reads lines of standard input. */
    Prompter prompter(PrintWriter prompts) {
        if (input == null) {
            // One reader per run: a new one per prompt would lose what the last one buffered.
            input = new BufferedReader(stdin);
        }
        return Prompter.of(console(), input, prompts);
    }

    /** The next line of standard input (never the console), or empty when the input has ended. */
    Optional<String> stdinLine() {
        if (input == null) {
            input = new BufferedReader(stdin);
        }
        try {
            return Optional.ofNullable(input.readLine()).map(String::strip);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    /** A client without a session for the server at {@code url}. */
    TokendClient anonymous(URI url) {
        this.target = url;
        Duration connect = requestTimeout.compareTo(CONNECT_TIMEOUT) < 0 ? requestTimeout : CONNECT_TIMEOUT;
        Transport transport;
        if ("http".equals(url.getScheme())) {
            if (plain == null) {
                plain = Transport.urlConnection(connect, () -> {
                    plainHttp = httpClient(connect).sslContext(PlainHttp.sslContext()).build();
                    return Transport.jdk(plainHttp);
                });
            }
            transport = plain;
        } else {
            if (tlsHttp == null) {
                tlsHttp = httpClient(connect).build();
            }
            transport = Transport.jdk(tlsHttp);
        }
        return TokendClient.builder(url).transport(transport).requestTimeout(requestTimeout).build();
    }

    private static HttpClient.Builder httpClient(Duration connect) {
        return HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NEVER);
    }

    /** For quick background lookups (shell completion): later clients give up after {@code timeout}. */
    void requestTimeout(Duration timeout) {
        this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * A client for the signed-in session: {@code $TOKEND_URL} and {@code $TOKEND_SESSION_TOKEN}
     * win over the stored values.
     *
     * @throws CliException when there is no URL or no session
     */
    TokendClient client() {
        ConfigStore config = config();
        String url = Optional.ofNullable(env(ENV_URL)).or(config::url).orElse(null);
        String session = session().orElse(null);
        if (url == null || session == null) {
            throw CliException.notSignedIn();
        }
        return anonymous(ServerUrl.parse(url)).withSessionToken(session);
    }

    /** The session token: {@code $TOKEND_SESSION_TOKEN}, else the stored one. */
    Optional<String> session() {
        String fromEnv = env(ENV_SESSION_TOKEN);
        if (fromEnv != null) {
            sessionFromEnvironment = true;
            return Optional.of(fromEnv);
        }
        return config().session();
    }

    /** Whether the session in use came from {@code $TOKEND_SESSION_TOKEN} (for the hint when it has expired). */
    boolean sessionFromEnvironment() {
        return sessionFromEnvironment;
    }

    /** Whether a person is at a terminal (there is a console): only then is a browser opened. */
    boolean interactive() {
        return console() != null;
    }

    private Console console() {
        if (!consoleLooked) {
            console = consoleSource.get();
            consoleLooked = true;
        }
        return console;
    }

    /** The server the last client was made for, for error messages. */
    Optional<URI> target() {
        return Optional.ofNullable(target);
    }

    /**
     * Stops the selector thread of the JDK HTTP clients made in this run (https:, or PATCH to an
     * http: server). NOTE: without this, the JVM's exit waits up to 300 ms for that thread, which
     * sits in native code (epoll), to come back.
     */
    @Override
    public void close() {
        for (HttpClient client : new HttpClient[] {plainHttp, tlsHttp}) {
            if (client != null) {
                client.shutdownNow();
                try {
                    client.awaitTermination(Duration.ofMillis(200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
