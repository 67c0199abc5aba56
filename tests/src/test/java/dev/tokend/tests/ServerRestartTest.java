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
