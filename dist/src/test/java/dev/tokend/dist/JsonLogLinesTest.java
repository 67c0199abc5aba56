package dev.tokend.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokend.testkit.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, "one log format": with {@code --log-format json}, every line that {@code tokend server}
 * writes, on standard output and standard error, is a JSON object; Helidon's java.util.logging
 * records included. Runs the real command line in a child JVM, as an operator would.
 */
class JsonLogLinesTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyLineOnBothStreamsIsJsonWithHelidonsLinesIncluded() throws Exception {
        TestDatabase.Database database = TestDatabase.newDatabase();
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.tokend.cli.Main", "server",
                "--log-format", "json", "--log-level", "debug", "--http-address", "127.0.0.1:0",
                "--data-dir", dir.resolve("data").toString(), "--postgres-url", database.urlWithCredentials())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            URI url = awaitServingUrl(server, out);
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/healthz", "/readyz", "/api/v2/users/me", "/no-such-route")) {
                http.send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            server.destroy(); // SIGTERM: the graceful stop logs too
            if (!server.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                server.destroyForcibly();
                fail("tokend did not stop within " + BOUND);
            }
        }

        List<JsonNode> lines = new ArrayList<>();
        for (Path stream : List.of(out, err)) {
            for (String line : Files.readAllLines(stream, StandardCharsets.UTF_8)) {
                assertThat(line).as("a line of " + stream.getFileName()).doesNotContain(database.password());
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    fail("not a JSON line on " + stream.getFileName() + ": " + line);
                }
            }
        }
        assertThat(lines).allSatisfy(line -> assertThat(line.isObject()).isTrue());
        assertThat(lines).extracting(line -> line.path("loggerName").asText())
                .anyMatch(name -> name.startsWith("io.helidon"))          // through the JUL bridge
                .contains("dev.tokend.server.http.RequestLogFilter", "dev.tokend.server.Server");
        assertThat(lines).extracting(line -> line.path("formattedMessage").asText())
                .anyMatch(message -> message.startsWith("tokend is serving on http://127.0.0.1:"));
    }

    /** Waits, bounded, for the start-up line on standard output and returns its URL. */
    private static URI awaitServingUrl(Process server, Path out) throws IOException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                JsonNode json = JSON.readTree(line);
                if (json.path("formattedMessage").asText().startsWith("tokend is serving on ")) {
                    return URI.create(json.path("url").asText());
                }
            }
            assertThat(server.isAlive()).as("tokend exited early").isTrue();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError("tokend did not serve within " + BOUND);
    }
}
