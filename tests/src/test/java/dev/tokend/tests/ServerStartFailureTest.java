package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokend.server.Server;
import dev.tokend.server.ServerOptions;
import dev.tokend.testkit.MutableClock;
import dev.tokend.testkit.TestDatabase;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code Server.start} closes what it opened, in reverse order, when it fails half-way (issue 9). */
class ServerStartFailureTest {
    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void takenPrometheusAddressLeavesNoListenerAndNoPoolBehind() throws Exception {
        TestDatabase.Database db = TestDatabase.newDatabase();
        int http = freePort();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            ServerOptions options = ServerOptions.defaults()
                    .withHttpAddress("127.0.0.1:" + http)
                    .withPostgresUrl(db.urlWithCredentials())
                    .withDataDir(Files.createTempDirectory("tokend-test-data"))
                    .withPrometheusEnable(true)
                    .withPrometheusAddress("127.0.0.1:" + taken.getLocalPort());
            int connectionsBefore = connections(db);
            assertThatThrownBy(() -> Server.start(options, MutableClock.startingNow()))
                    .isInstanceOf(Server.StartupException.class)
                    .hasMessageContaining("address already in use");
            // The main listener was started before the failure: it must be closed again.
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", http));
            }
            // And the pool and the revocation listener gave their connections back.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (connections(db) > connectionsBefore && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertThat(connections(db)).isLessThanOrEqualTo(connectionsBefore);
        } finally {
            TestDatabase.drop(db.name());
        }
    }

    private static int connections(TestDatabase.Database db) {
        try (var c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
                var s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            s.setString(1, db.name());
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
