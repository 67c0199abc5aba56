package dev.tokend.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * The training run for the CLI's start-up cache: the {@code ./tokend} launcher runs this class once
 * under {@code -XX:AOTCacheOutput} (JDK 25+) or {@code -XX:ArchiveClassesAtExit} (JDK 21-24) and
 * later starts every client command with the cache it wrote. The JVM caches the classes a run
 * loaded and linked, so the run does what users do most: help, {@code whoami} (with the session
 * from the environment and from the configuration directory), listings as table and JSON, and a
 * usage error, against a stand-in server on a loopback port that answers like
 * tokend (no database, nothing outside this process).
 */
public final class StartupTraining {
    /** The command lines trained, in order. */
    static final List<List<String>> RUNS = List.of(
            List.of("--help"), List.of("--version"), List.of("tokens", "--help"), List.of("whoami"),
            List.of("whoami", "-o", "json"), List.of("tokens", "ls"), List.of("tokens", "ls", "-o", "json"),
            List.of("users", "list"), List.of("login", "token"), List.of("tokns"));

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        int failed = run();
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs {@link #RUNS}; returns how many ended otherwise than expected (the last is a usage error). */
    static int run() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", StartupTraining::answer);
        server.start();
        Path config = Files.createTempDirectory("tokend-training");
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Map<String, String> env = Map.of(CliContext.ENV_URL, url, CliContext.ENV_SESSION_TOKEN, SAMPLE_TOKEN,
                    CliContext.ENV_CONFIG_DIR, config.toString());
            int failed = 0;
            // The path of a plain help request (Main.main prints the page rendered at build time).
            failed += HelpPages.find(new String[] {"--help"}, "false", null) == null ? 1 : 0;
            // What every run does first (Main.main): made, not used, so that its method references
            // and standard input's decoder are linked in the cache rather than spun at each start.
            CliContext.system().close();
            for (List<String> run : RUNS) {
                String[] args = run.toArray(String[]::new);
                int expected = run.equals(RUNS.getLast()) ? 2 : 0;
                try (CliContext context = new CliContext(env::get, null, new StringReader(""), InstantSource.system(),
                        config)) {
                    PrintWriter sink = new PrintWriter(Writer.nullWriter());
                    int status = Main.commandLine(context, args).setOut(sink).setErr(sink).execute(args);
                    failed += status == expected ? 0 : 1;
                }
            }
            // As most people run commands: the URL and the session read from the configuration directory.
            new ConfigStore(config).save(url, SAMPLE_TOKEN);
            try (CliContext context = new CliContext(Map.of(CliContext.ENV_CONFIG_DIR, config.toString())::get, null,
                    new StringReader(""), InstantSource.system(), config)) {
                PrintWriter sink = new PrintWriter(Writer.nullWriter());
                failed += Main.commandLine(context, new String[] {"whoami"}).setOut(sink).setErr(sink)
                        .execute("whoami") == 0 ? 0 : 1;
            }
            return failed;
        } finally {
            server.stop(0);
            try (var files = Files.list(config)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(config);
        }
    }

    /** The example token of docs/token-format.md (valid checksum); the stand-in server accepts anything. */
    private static final String SAMPLE_TOKEN = "tkdt_8fJ2kQ9xLm_Zt4Wq1Nf7Rb3Yc6Vh0Ks2P1PCkRQ";

    private static final String USER = "{\"id\":\"00000000-0000-0000-0000-000000000001\",\"username\":\"training\","
            + "\"name\":\"\",\"email\":\"training@example.com\",\"avatar_url\":\"\",\"created_at\":\"" + Instant.EPOCH
            + "\",\"updated_at\":\"" + Instant.EPOCH + "\",\"last_seen_at\":\"" + Instant.EPOCH + "\","
            + "\"status\":\"active\",\"login_type\":\"password\",\"theme_preference\":\"\",\"organization_ids\":[],"
            + "\"roles\":[{\"name\":\"owner\",\"display_name\":\"Owner\"}]}";

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        if (path.equals("/api/v2/authcheck")) {
            body = "{\"read\":true}";
        } else if (path.endsWith("/keys/tokens")) {
            body = "[]";
        } else if (path.equals("/api/v2/users")) {
            body = "{\"users\":[" + USER + "],\"count\":1}";
        } else {
            body = USER;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try (exchange) {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
