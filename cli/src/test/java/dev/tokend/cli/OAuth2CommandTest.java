package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.sdk.model.OAuth2ProviderApp;
import dev.tokend.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code tokend oauth2 apps ...} against a real server. */
class OAuth2CommandTest {
    private static TestServer server;
    private static TestServer.Account owner;
    private static CliRunner asOwner;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createFirstUser();
        asOwner = CliRunner.signedIn(server, owner);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createListSecretAndDeleteAnApp() {
        CliRunner.Result created = asOwner.run("oauth2", "apps", "create", "--name", "Grafana", "--redirect-uri",
                "https://grafana.example.com/cb", "--scope", "user:read");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        OAuth2ProviderApp app = owner.client().oauth2Apps().getFirst();
        assertThat(created.out()).contains(app.id().toString());
        assertThat(app.scopes()).containsExactly("user:read");

        CliRunner.Result listed = asOwner.run("oauth2", "apps", "list");
        assertThat(listed.out()).contains("Grafana").contains("https://grafana.example.com/cb");

        CliRunner.Result secret = asOwner.run("oauth2", "apps", "secret-create", app.id().toString());
        assertThat(secret.exitCode()).as(secret.toString()).isZero();
        assertThat(secret.out().strip()).startsWith("tkdc_");
        CliRunner.Result secrets = asOwner.run("oauth2", "apps", "secrets", app.id().toString());
        assertThat(secrets.out()).contains("_…").doesNotContain(secret.out().strip());

        CliRunner.Result deleted = asOwner.run("oauth2", "apps", "delete", app.id().toString());
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(owner.client().oauth2Apps()).isEmpty();
    }
}
