package dev.tokend.tests.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.model.OAuth2ProviderApp;
import dev.tokend.sdk.model.OAuth2ProviderAppSecretFull;
import dev.tokend.sdk.model.PostOAuth2ProviderAppRequest;
import dev.tokend.sdk.model.PutOAuth2ProviderAppRequest;
import dev.tokend.testkit.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API for OAuth2 apps through the SDK: CRUD, secrets shown once, owners only, audited. */
class OAuth2AppsApiTest {
    private static TestServer server;
    private static TestServer.Account owner;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createFirstUser();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void ownerCreatesListsUpdatesAndDeletesAnAppAndItsSecrets() {
        OAuth2ProviderApp app = owner.client().createOAuth2App(
                PostOAuth2ProviderAppRequest.of("Grafana", "https://grafana.example.com/login/generic_oauth"));
        assertThat(app.clientType()).isEqualTo("confidential");
        assertThat(app.grantTypes()).containsExactly("authorization_code", "refresh_token");
        assertThat(app.callbackUrl()).isEqualTo("https://grafana.example.com/login/generic_oauth");
        assertThat(app.endpoints().token()).endsWith("/oauth2/tokens");
        assertThat(owner.client().oauth2Apps()).extracting(OAuth2ProviderApp::id).contains(app.id());

        OAuth2ProviderAppSecretFull secret = owner.client().createOAuth2AppSecret(app.id());
        assertThat(secret.clientSecretFull()).startsWith("tkdc_");
        assertThat(secret.toString()).doesNotContain(secret.clientSecretFull());
        var listed = owner.client().oauth2AppSecrets(app.id());
        assertThat(listed).hasSize(1);
        assertThat(listed.getFirst().clientSecretTruncated()).endsWith("_…")
                .isNotEqualTo(secret.clientSecretFull());
        assertThat(secret.clientSecretFull()).startsWith(listed.getFirst().clientSecretTruncated().replace("…", ""));

        OAuth2ProviderApp renamed = owner.client().updateOAuth2App(app.id(), new PutOAuth2ProviderAppRequest(
                "Grafana prod", null, "", List.of("https://grafana.example.com/cb"), null, List.of("user:read")));
        assertThat(renamed.name()).isEqualTo("Grafana prod");
        assertThat(renamed.scopes()).containsExactly("user:read");

        owner.client().deleteOAuth2AppSecret(app.id(), secret.id());
        assertThat(owner.client().oauth2AppSecrets(app.id())).isEmpty();
        owner.client().deleteOAuth2App(app.id());
        assertThatThrownBy(() -> owner.client().oauth2App(app.id())).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(404);
        Integer audited = server.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_logs WHERE "
                + "resource_type LIKE 'oauth2_app%' AND user_id = :u").bind("u", owner.id()).mapTo(Integer.class).one());
        assertThat(audited).isGreaterThanOrEqualTo(5);
    }

    @Test
    void membersCannotManageApps() {
        TestServer.Account member = server.createUser(owner);
        assertThatThrownBy(() -> member.client().oauth2Apps()).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(403);
        assertThatThrownBy(() -> member.client().createOAuth2App(PostOAuth2ProviderAppRequest.of("x",
                "https://x.example/cb"))).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(403);
    }

    @Test
    void invalidAppsAreRefusedWithOneValidationPerField() {
        var r = server.http().post("/api/v2/oauth2-provider/apps").sessionToken(owner.token())
                .json(Map.of("name", "", "callback_url", "http://evil.example/cb", "grant_types", List.of("password")))
                .send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"name\"").contains("redirect_uris").contains("grant_types");
    }
}
