package dev.tokend.tests.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokend.server.purge.ApiKeyPurger;
import dev.tokend.server.purge.OAuth2Purge;
import dev.tokend.testkit.OAuth2Apps;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The purge job's OAuth2 part, driven by the injected clock (default settings: codes and device
 * codes live 10 minutes, refresh tokens 30 days, the purge keeps rows 1 hour past their expiry
 * or revocation): what is older than the rule goes, what is newer stays, live grants keep working,
 * and a rotated refresh token stays as long as it is unexpired, so its reuse is still detected.
 */
class OAuth2PurgeTest {
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private static boolean exists(TestServer server, String table, String token) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table + " WHERE id = :id")
                .bind("id", Tokens.idOf(token)).mapTo(Integer.class).one()) == 1;
    }

    /** One run; retried (bounded) in the unlikely case the start-up run still holds the lock. */
    private static OAuth2Purge.Counts purge(TestServer server) {
        for (int attempt = 0; attempt < 100; attempt++) {
            ApiKeyPurger.Run run = server.server().purger().runOnce();
            if (!run.skipped()) {
                return run.oauth2();
            }
        }
        throw new AssertionError("the purge lock was never free");
    }

    private static RawHttp.Response refresh(TestServer server, OAuth2Apps.App app, String token) {
        return OAuth2Apps.token(server, app, Map.of("grant_type", "refresh_token", "refresh_token", token));
    }

    @Test
    void expiredCodesDeviceCodesAndDeadRefreshTokensGoAfterTheRetentionAndLiveGrantsStay() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            OAuth2Apps.App app = OAuth2Support.confidentialApp(server, owner);
            OAuth2Apps.App device = OAuth2Support.createApp(server, owner, List.of(DEVICE_GRANT),
                    List.of("user:read"), "public");

            // A live family whose first refresh token was rotated (kept: its reuse must be seen).
            String usedCode = OAuth2Support.code(server, server.createUser(owner), app.clientId(), Map.of());
            String rotated = OAuth2Support.exchange(server, app, usedCode).path("refresh_token").asText();
            RawHttp.Response rotation = refresh(server, app, rotated);
            assertThat(rotation.status()).as(rotation.body()).isEqualTo(200);
            String live = rotation.json().path("refresh_token").asText();
            // A family revoked by its client (RFC 7009).
            String revokedCode = OAuth2Support.code(server, server.createUser(owner), app.clientId(), Map.of());
            String revoked = OAuth2Support.exchange(server, app, revokedCode).path("refresh_token").asText();
            assertThat(OAuth2Apps.form(server, "/oauth2/revoke", OAuth2Apps.basic(app), Map.of("token", revoked))
                    .status()).isEqualTo(200);
            // A family nobody touches again, a code never exchanged, and a device code never approved.
            String untouchedCode = OAuth2Support.code(server, server.createUser(owner), app.clientId(), Map.of());
            String untouched = OAuth2Support.exchange(server, app, untouchedCode).path("refresh_token").asText();
            String pendingCode = OAuth2Support.code(server, server.createUser(owner), app.clientId(), Map.of());
            String deviceCode = OAuth2Apps.form(server, "/oauth2/device", null, Map.of("client_id",
                    device.clientId())).json().path("device_code").asText();
            assertThat(deviceCode).startsWith("tkdd_");

            // 59 minutes: nothing is an hour past its expiry or revocation.
            server.clock().advance(Duration.ofMinutes(59));
            assertThat(purge(server)).isEqualTo(new OAuth2Purge.Counts(0, 0, 0));

            // 61 minutes: the revoked refresh token goes; the codes expired only 51 minutes ago.
            server.clock().advance(Duration.ofMinutes(2));
            assertThat(purge(server)).isEqualTo(new OAuth2Purge.Counts(0, 0, 1));
            assertThat(exists(server, "oauth2_refresh_tokens", revoked)).isFalse();
            for (String code : List.of(usedCode, revokedCode, untouchedCode, pendingCode)) {
                assertThat(exists(server, "oauth2_codes", code)).isTrue();
            }
            assertThat(exists(server, "oauth2_device_codes", deviceCode)).isTrue();

            // 71 minutes: the four codes and the device code go; no live or rotated token does.
            server.clock().advance(Duration.ofMinutes(10));
            assertThat(purge(server)).isEqualTo(new OAuth2Purge.Counts(4, 1, 0));
            for (String code : List.of(usedCode, revokedCode, untouchedCode, pendingCode)) {
                assertThat(exists(server, "oauth2_codes", code)).isFalse();
            }
            assertThat(exists(server, "oauth2_device_codes", deviceCode)).isFalse();
            for (String token : List.of(rotated, live, untouched)) {
                assertThat(exists(server, "oauth2_refresh_tokens", token)).as(token).isTrue();
            }
            // The live grant works ...
            RawHttp.Response renewed = refresh(server, app, live);
            assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
            JsonNode fresh = renewed.json();
            assertThat(server.http().get("/api/v2/users/me").bearer(fresh.path("access_token").asText()).send()
                    .status()).isEqualTo(200);
            // ... and the rotated token kept by the purge still gives its family's reuse away.
            assertThat(refresh(server, app, rotated).status()).isEqualTo(400);
            assertThat(refresh(server, app, fresh.path("refresh_token").asText()).status()).isEqualTo(400);
            RawHttp.Response other = refresh(server, app, untouched);
            assertThat(other.status()).as("another family").isEqualTo(200);
            String current = other.json().path("refresh_token").asText();

            // 30 days later: the first family's three tokens (revoked by the reuse, 30 days ago) and
            // the untouched family's rotated token (expired 71 minutes ago) go; its current token,
            // issued 71 minutes in, is still unexpired, stays and works.
            server.clock().advance(Duration.ofDays(30));
            assertThat(purge(server)).isEqualTo(new OAuth2Purge.Counts(0, 0, 4));
            for (String token : List.of(rotated, live, fresh.path("refresh_token").asText(), untouched)) {
                assertThat(exists(server, "oauth2_refresh_tokens", token)).as(token).isFalse();
            }
            assertThat(exists(server, "oauth2_refresh_tokens", current)).isTrue();
            assertThat(refresh(server, app, current).status()).isEqualTo(200);
            assertThat(server.server().metrics().get("tokend_purge_deleted_oauth2_rows").tag("kind", "code")
                    .counter().count()).isEqualTo(4.0);
        }
    }
}
