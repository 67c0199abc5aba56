package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.model.CreateFirstUserRequest;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.server.Server;
import dev.tokend.server.ServerOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The production path: no --postgres-url, so the server starts its own embedded PostgreSQL under
 * --data-dir; a clean stop and a restart on the same directory keep every row.
 */
class ServerRestartTest {

    @Test
    void embeddedDatabaseKeepsEveryRowAcrossACleanRestart() throws IOException {
        Path dataDir = Files.createTempDirectory("tokend-restart");
        ServerOptions options = ServerOptions.defaults().withHttpAddress("127.0.0.1:0").withDataDir(dataDir);
        String token;
        try (Server first = Server.start(options)) {
            TokendClient client = TokendClient.builder(first.accessUrl()).build();
            client.createFirstUser(new CreateFirstUserRequest("boot@example.com", "boot", "SomeSecurePassword!"));
            token = client.login(new LoginWithPasswordRequest("boot@example.com", "SomeSecurePassword!")).sessionToken();
        }
        assertThat(dataDir.resolve("postgres")).isDirectory();
        try (Server second = Server.start(options)) {
            TokendClient client = TokendClient.builder(second.accessUrl()).sessionToken(token).build();
            assertThat(client.hasFirstUser()).isTrue();
            assertThat(client.me().username()).isEqualTo("boot");
        }
    }

    @Test
    void stoppingLetsARequestInFlightFinish() throws Exception {
        dev.tokend.testkit.TestServer server = dev.tokend.testkit.TestServer.start(o -> o.withMaxConcurrentLogins(1));
        server.createFirstUser();
        var limiter = server.server().loginConcurrency().orElseThrow();
        // The first user's login may still be returning its permit: wait for it, so the only holder
        // below is the request under test.
        limiter.tryAcquire(java.time.Duration.ofSeconds(10)).orElseThrow().close();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.url().getPort())) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            // A login whose body arrives in two parts: the handler is in flight, reading, in between.
            out.write(("POST /api/v2/users/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + chunk("{\"email\": \"nobody@example.com\", "))
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            // In flight once it holds the only login permit (bounded wait on that state, not on time).
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (true) {
                var probe = limiter.tryAcquire();
                if (probe.isEmpty()) {
                    break;
                }
                probe.get().close();
                assertThat(System.nanoTime()).as("the login never reached its handler").isLessThan(deadline);
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // poll the state, leave the core to the server
            }
            var stopping = java.util.concurrent.CompletableFuture.runAsync(server::close);
            // Stop has begun once the listener refuses new connections; only then send the rest.
            while (accepts(server.url().getPort())) {
                assertThat(System.nanoTime()).as("the listener never closed").isLessThan(deadline);
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // poll the state, leave the core to the server
            }
            out.write((chunk("\"password\": \"WrongPassword!123\"}") + "0\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 401 Unauthorized");
            stopping.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static boolean accepts(int port) {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    @Test
    void addressInUseIsAClearStartupError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path dataDir = Files.createTempDirectory("tokend-busy");
            ServerOptions options = ServerOptions.defaults()
                    .withHttpAddress("127.0.0.1:" + taken.getLocalPort())
                    .withPostgresUrl(dev.tokend.testkit.TestDatabase.newDatabaseUrl())
                    .withDataDir(dataDir);
            assertThatThrownBy(() -> Server.start(options))
                    .isInstanceOf(Server.StartupException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use");
        }
    }
}
