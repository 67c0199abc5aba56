package dev.tokend.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.tokend.sdk.model.AuthorizationRequest;
import dev.tokend.sdk.model.CreateTokenRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link TokendClient} never loads databind: a child JVM, which has loaded nothing before, makes
 * the CLI's common calls (as {@code tokend whoami} and {@code tokend tokens ls} do, an error answer
 * and a request body included) against a stand-in server on a loopback port, and its class-loading
 * log must name the codecs and no class of {@code com.fasterxml.jackson.databind} or
 * {@link TokendJson}. A fresh JVM, because in this one other tests have loaded databind already.
 */
class TokendClientWithoutDatabindTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void clientCallsLoadNoDatabindClass() throws Exception {
        Path log = dir.resolve("classes.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                CommonCalls.class.getName())
                .redirectErrorStream(true).redirectOutput(dir.resolve("output").toFile()).start();
        if (!child.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            child.destroyForcibly();
            fail("the child JVM did not finish within " + BOUND);
        }
        String output = Files.readString(dir.resolve("output"));
        List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains(CommonCalls.DONE);
        // The log shows what the calls loaded, so the absence below means something.
        assertThat(loaded).anyMatch(line -> line.contains(" dev.tokend.sdk.json.UserJson "))
                .anyMatch(line -> line.contains(" com.fasterxml.jackson.core.JsonFactory "));
        assertThat(loaded).filteredOn(line -> line.contains(" com.fasterxml.jackson.databind.")
                || line.contains(" dev.tokend.sdk.TokendJson ")).isEmpty();
    }

    /** The child JVM's program: a stand-in tokend and the calls. */
    static final class CommonCalls {
        static final String DONE = "all calls answered as expected";

        public static void main(String[] args) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                exchange.getRequestBody().readAllBytes();
                int status = 200;
                String body;
                if (path.equals("/api/v2/users/me")) {
                    body = "{\"id\":\"4f7b9d2e-1c3a-4b5d-8e6f-7a8b9c0d1e2f\",\"username\":\"ada\","
                            + "\"created_at\":\"2026-01-02T03:04:05Z\",\"roles\":[{\"name\":\"owner\"}]}";
                } else if (path.endsWith("/keys/tokens") && exchange.getRequestMethod().equals("GET")) {
                    body = "[{\"id\":\"abc\",\"token_name\":\"ci\",\"allow_list\":[{\"type\":\"*\",\"id\":\"*\"}]}]";
                } else if (path.endsWith("/keys/tokens")) {
                    body = "{\"key\":\"tkdt_x\"}";
                } else if (path.equals("/api/v2/authcheck")) {
                    body = "{\"read\":true}";
                } else {
                    status = 404;
                    body = "{\"message\":\"Resource not found.\",\"validations\":[]}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                try (exchange) {
                    exchange.getResponseBody().write(bytes);
                }
            });
            server.start();
            try {
                TokendClient client = TokendClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                        .transport(Transport.urlConnection(BOUND, () -> {
                            throw new AssertionError("no PATCH here");
                        }))
                        .sessionToken("t").build();
                check(client.me().username().equals("ada"), "me");
                check(client.tokens("me", false, false).getFirst().tokenName().equals("ci"), "tokens");
                check(client.createToken("me", CreateTokenRequest.of("ci", null, List.of("all"), null)).key()
                        .equals("tkdt_x"), "createToken");
                check(client.authCheck(new AuthorizationRequest(Map.of("read", new AuthorizationRequest.Check(
                        new AuthorizationRequest.AuthObject("api_key", "me", null, null), "read")))).get("read"),
                        "authCheck");
                try {
                    client.user("nobody");
                    check(false, "user");
                } catch (ApiException e) {
                    check(e.status() == 404 && e.message().equals("Resource not found."), "user");
                }
            } finally {
                server.stop(0);
            }
            System.out.println(DONE);
        }

        private static void check(boolean ok, String call) {
            if (!ok) {
                throw new AssertionError(call + " did not answer as expected");
            }
        }
    }
}
