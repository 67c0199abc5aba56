package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.model.CreateFirstUserRequest;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.server.Server;
import dev.tokend.server.ServerOptions;
import dev.tokend.testkit.LogCapture;
import dev.tokend.testkit.RawHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, hole 13: after the database died, every authenticated call was a 500 until tokend was
 * restarted by hand, while {@code /healthz} said 200. Now the embedded PostgreSQL is restarted by
 * tokend, an external one is reconnected to once it is back, and {@code /readyz} says 503 in
 * between. Throughout, a database failure is a 500, never a 401.
 */
class DatabaseRecoveryTest {
    private static final String INTERNAL =
            "An internal error occurred. Please try again or contact the system administrator.";
    private static final String PASSWORD = "SomeSecurePassword!";
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void killedEmbeddedPostgresIsRestartedAndTokendServesAgainWithoutARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("tokend-kill");
        ServerOptions options = ServerOptions.defaults().withHttpAddress("127.0.0.1:0").withDataDir(dataDir);
        try (LogCapture logs = LogCapture.capture(); Server server = Server.start(options)) {
            String token = signIn(server, "kill");
            RawHttp http = new RawHttp(server.accessUrl());
            assertThat(http.get("/readyz").send().status()).isEqualTo(200);

            // kill -9, then hold the port so that the supervisor's restarts fail until we let go.
            try (ServerSocket squatter = killPostmasterAndTakeItsPort(dataDir.resolve("postgres"))) {
                await("/readyz answers 503", () -> http.get("/readyz").send().status() == 503);
                RawHttp.Response me = http.get("/api/v2/users/me").sessionToken(token).send();
                assertThat(me.status()).isEqualTo(500);
                assertThat(me.message()).isEqualTo(INTERNAL);
                assertThat(http.get("/healthz").send().status()).as("liveness ignores the database").isEqualTo(200);
                await("a restart attempt failed", () -> restarts(server, "failure") >= 1);
            }

            await("/readyz answers 200", () -> http.get("/readyz").send().status() == 200);
            assertThat(http.get("/api/v2/users/me").sessionToken(token).send().status()).isEqualTo(200);
            // The counter is incremented once the restart call returns, which may be just after PostgreSQL answers.
            await("the restart was counted", () -> restarts(server, "success") >= 1);
            assertThat(restarts(server, "success")).isEqualTo(1);
            assertThat(logs.await(line -> line.contains("Embedded PostgreSQL restarted"), BOUND)).isPresent();
        } finally {
            deleteTree(dataDir); // the cluster and its extracted binaries
        }
    }

    @Test
    void externalPostgresStoppedAndStartedAgainIsReconnectedToWithoutARestart() throws Exception {
        Path pgData = Files.createTempDirectory("tokend-external-pg");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres postgres = startExternal(pgData, port);
        ServerOptions options = ServerOptions.defaults().withHttpAddress("127.0.0.1:0")
                .withDataDir(Files.createTempDirectory("tokend-external"))
                .withPostgresUrl("postgres://postgres@127.0.0.1:" + port + "/postgres");
        try (Server server = Server.start(options)) {
            String token = signIn(server, "external");
            RawHttp http = new RawHttp(server.accessUrl());

            postgres.close();
            await("/readyz answers 503", () -> http.get("/readyz").send().status() == 503);
            RawHttp.Response notReady = http.get("/readyz").send();
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.message()).isEqualTo("The database is unreachable.");
            RawHttp.Response me = http.get("/api/v2/users/me").sessionToken(token).send();
            assertThat(me.status()).isEqualTo(500);
            assertThat(me.message()).isEqualTo(INTERNAL);
            assertThat(me.header("WWW-Authenticate")).isNull();

            postgres = startExternal(pgData, port);
            await("/readyz answers 200", () -> http.get("/readyz").send().status() == 200);
            RawHttp.Response again = http.get("/api/v2/users/me").sessionToken(token).send();
            assertThat(again.status()).isEqualTo(200);
        } finally {
            postgres.close();
            deleteTree(pgData);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String signIn(Server server, String name) {
        TokendClient client = TokendClient.builder(server.accessUrl()).build();
        client.createFirstUser(new CreateFirstUserRequest(name + "@example.com", name, PASSWORD));
        return client.login(new LoginWithPasswordRequest(name + "@example.com", PASSWORD)).sessionToken();
    }

    /** A PostgreSQL the test stops and starts: same data directory, same port. */
    private static EmbeddedPostgres startExternal(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .setRegisterShutdownHook(false).start();
    }

    private static double restarts(Server server, String outcome) {
        var counter = server.metrics().find("tokend_embedded_postgres_restarts").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * SIGKILLs the cluster's postmaster and binds its port as soon as the port is free. Should the
     * supervisor restart PostgreSQL before that, the new postmaster is killed too, so the test
     * does not depend on winning a race. SO_REUSEADDR lets the socket bind while the dead server's
     * connections linger in TIME_WAIT; a listening socket then keeps PostgreSQL from binding.
     */
    private static ServerSocket killPostmasterAndTakeItsPort(Path cluster) throws IOException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        long killed = -1;
        while (System.nanoTime() < deadline) {
            List<String> pidFile;
            try {
                pidFile = Files.readAllLines(cluster.resolve("postmaster.pid"));
            } catch (IOException e) {
                pidFile = List.of(); // between a restart's removal of the stale file and the new one
            }
            if (pidFile.size() >= 4) {
                long pid = Long.parseLong(pidFile.get(0).strip());
                int port = Integer.parseInt(pidFile.get(3).strip());
                if (pid != killed && ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    killed = pid;
                }
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                try {
                    socket.bind(new InetSocketAddress("127.0.0.1", port));
                    return socket;
                } catch (BindException stillListening) {
                    socket.close();
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        throw new AssertionError("could not kill PostgreSQL and take its port within " + BOUND);
    }

    /** Polls {@code condition} every 50 ms until it holds, failing after {@link #BOUND}. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + BOUND).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
