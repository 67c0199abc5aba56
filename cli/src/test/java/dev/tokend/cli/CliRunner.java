package dev.tokend.cli;

import dev.tokend.testkit.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the real {@code tokend} command line in-process, as a user would type it: its own
 * environment variables, standard input, clock and a temporary configuration directory (through
 * {@code TOKEND_CONFIG_DIR}), and captured standard output and error.
 */
final class CliRunner {
    private final Map<String, String> env = new HashMap<>();
    private final Path home;
    private InstantSource clock = InstantSource.system();

    private CliRunner(Path home) {
        this.home = home;
        env.put(CliContext.ENV_CONFIG_DIR, home.resolve("config").toString());
    }

    /** A runner with a new temporary home and configuration directory, not signed in. */
    static CliRunner create() {
        try {
            return new CliRunner(Files.createTempDirectory("tokend-cli-test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A runner signed in as {@code account} through {@code TOKEND_URL} and {@code TOKEND_SESSION_TOKEN}. */
    static CliRunner signedIn(TestServer server, TestServer.Account account) {
        return create().env(CliContext.ENV_URL, server.url().toString())
                .env(CliContext.ENV_SESSION_TOKEN, account.token());
    }

    /** A URL on 127.0.0.1 where nothing listens: a port the OS just handed out and took back. */
    static String closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets (or with null, removes) an environment variable for later runs. */
    CliRunner env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    CliRunner clock(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    Path home() {
        return home;
    }

    Path configDir() {
        return home.resolve("config");
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs with {@code stdin} as standard input (no console, as when input is piped). */
    Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(Map.copyOf(env)::get, null, new StringReader(stdin), clock, home);
        int code = Main.commandLine(context).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** What a run printed and its exit status. */
    record Result(int exitCode, String out, String err) {
        /** Standard output without the final line break (what {@code $(...)} captures). */
        String value() {
            return out.strip();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }
}
