package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.store.ApiKeyMinter;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.TestServerExtension;
import dev.tokend.testkit.Tokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sliding expiry and usage bookkeeping (spec §3.2 steps 8–10, tokend decisions): only interactive
 * sessions slide, at most once an hour, when no more than L−1h remains; named tokens and CLI keys
 * keep their fixed expiry; usage is written at most once an hour per key.
 */
class SessionExpiryTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();

    private static final String ME = "/api/v2/users/me";


    private static int use(String token) {
        return server.http().get(ME).sessionToken(token).send().status();
    }

    @Test
    void sessionUsedAfterAnHourSlidesOnceThenNotAgainWithinTheHour() {
        ApiKeyMinter.Minted session = server.dbGen().apiKey(server.owner().id()).lifetime(Duration.ofHours(24)).insert();
        Instant original = session.row().expiresAt();

        server.clock().advance(Duration.ofMinutes(59));
        assertThat(use(session.token())).isEqualTo(200);
        assertThat(server.dbGen().key(session.row().id()).expiresAt()).isEqualTo(original);

        server.clock().advance(Duration.ofMinutes(1)); // exactly 23h remain: slide
        assertThat(use(session.token())).isEqualTo(200);
        Instant slid = server.dbGen().key(session.row().id()).expiresAt();
        assertThat(slid).isEqualTo(server.clock().instant().plus(Duration.ofHours(24)));

        server.clock().advance(Duration.ofMinutes(30));
        assertThat(use(session.token())).isEqualTo(200);
        assertThat(server.dbGen().key(session.row().id()).expiresAt()).isEqualTo(slid);
    }

    @Test
    void sessionNearExpiryThatIsUsedKeepsLiving() {
        ApiKeyMinter.Minted session = server.dbGen().apiKey(server.owner().id()).lifetime(Duration.ofHours(24)).insert();
        for (int hour = 0; hour < 48; hour += 20) {
            server.clock().advance(Duration.ofHours(20));
            assertThat(use(session.token())).isEqualTo(200);
        }
    }

    @Test
    void namedTokenUsedNearExpiryStillExpiresAtItsFixedTime() {
        ApiKeyMinter.Minted token = server.dbGen().apiKey(server.owner().id()).namedToken("ci-" + System.nanoTime())
                .lifetime(Duration.ofHours(24)).insert();
        Instant fixed = token.row().expiresAt();
        server.clock().advance(Duration.ofHours(23));
        assertThat(use(token.token())).isEqualTo(200);
        assertThat(server.dbGen().key(token.row().id()).expiresAt()).isEqualTo(fixed);
        server.clock().advance(Duration.ofHours(1).plusSeconds(1));
        RawHttp.Response r = server.http().get(ME).sessionToken(token.token()).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.detail()).startsWith("API key expired at");
    }

    @Test
    void cliKeyFromUsersKeysNeverSlides() {
        String key = server.freshSession(server.owner()).client().createApiKey("me").key();
        ApiKeyRow row = server.dbGen().key(Tokens.idOf(key));
        assertThat(row.loginType()).isEqualTo("password");
        assertThat(row.lifetimeSeconds()).isEqualTo(Duration.ofDays(7).toSeconds());
        server.clock().advance(Duration.ofDays(6));
        assertThat(use(key)).isEqualTo(200);
        assertThat(server.dbGen().key(row.id()).expiresAt()).isEqualTo(row.expiresAt());
    }

    @Test
    void keyWithOneHourLifetimeNeverSlides() {
        ApiKeyMinter.Minted session = server.dbGen().apiKey(server.owner().id()).lifetime(Duration.ofHours(1)).insert();
        Instant fixed = session.row().expiresAt();
        server.clock().advance(Duration.ofMinutes(59));
        assertThat(use(session.token())).isEqualTo(200);
        assertThat(server.dbGen().key(session.row().id()).expiresAt()).isEqualTo(fixed);
        server.clock().advance(Duration.ofMinutes(2));
        assertThat(use(session.token())).isEqualTo(401);
    }

    @Test
    void expiredSessionIsNeverRevivedByUse() {
        ApiKeyMinter.Minted session = server.dbGen().apiKey(server.owner().id()).lifetime(Duration.ofHours(2)).insert();
        server.clock().advance(Duration.ofHours(2).plusSeconds(1));
        assertThat(use(session.token())).isEqualTo(401);
        assertThat(server.dbGen().key(session.row().id()).expiresAt()).isEqualTo(session.row().expiresAt());
    }

    @Test
    void lastUsedIsWrittenOnFirstUseThenAtMostOnceAnHour() {
        ApiKeyMinter.Minted session = server.dbGen().apiKey(server.owner().id()).sliding(false).insert();
        assertThat(session.row().lastUsed()).isEqualTo(Instant.EPOCH);

        assertThat(use(session.token())).isEqualTo(200);
        Instant first = server.dbGen().key(session.row().id()).lastUsed();
        assertThat(first).isEqualTo(server.clock().instant());
        assertThat(server.dbGen().key(session.row().id()).ipAddress()).isEqualTo("127.0.0.1");

        server.clock().advance(Duration.ofMinutes(60));
        assertThat(use(session.token())).isEqualTo(200);
        assertThat(server.dbGen().key(session.row().id()).lastUsed()).isEqualTo(first);

        server.clock().advance(Duration.ofSeconds(1));
        assertThat(use(session.token())).isEqualTo(200);
        assertThat(server.dbGen().key(session.row().id()).lastUsed()).isEqualTo(server.clock().instant());
        assertThat(server.client(session.token()).user("me").lastSeenAt()).isEqualTo(server.clock().instant());
    }

    @Test
    void disabledExpiryRefreshStopsSessionsFromSliding() {
        try (TestServer noRefresh = TestServer.start(o -> o.withDisableSessionExpiryRefresh(true))) {
            TestServer.Account admin = noRefresh.createFirstUser();
            ApiKeyMinter.Minted session = DbGen.of(noRefresh).apiKey(admin.id()).insert();
            noRefresh.clock().advance(Duration.ofHours(12));
            assertThat(noRefresh.http().get(ME).sessionToken(session.token()).send().status()).isEqualTo(200);
            assertThat(DbGen.of(noRefresh).key(session.row().id()).expiresAt())
                    .isEqualTo(session.row().expiresAt());
        }
    }

    @Test
    void passwordLoginMintsASlidingSessionOfTheSessionDuration() {
        ApiKeyRow row = server.dbGen().key(Tokens.idOf(server.owner().token()));
        assertThat(row.slidingExpiry()).isTrue();
        assertThat(row.lifetimeSeconds()).isEqualTo(Duration.ofHours(24).toSeconds());
        assertThat(row.scopes()).containsExactly("coder:all");
        assertThat(row.allowList()).containsExactly("*:*");
    }
}
