package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** tokend decision (issue 15): a token sent to a public route is checked but does not count as use. */
class PublicRoutesTest {
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
    void aTokenOnAPublicRouteWritesNoUsageAndActivatesNobody() {
        TestServer.Account member = server.createUser(owner);
        server.jdbi().useHandle(h -> h.execute("UPDATE users SET status = 'dormant' WHERE id = ?", member.id()));
        DbGen gen = DbGen.of(server);
        ApiKeyRow before = gen.apiKey(member.id()).insert().row();
        String token = gen.apiKey(member.id()).insert().token();
        String id = dev.tokend.testkit.Tokens.idOf(token);
        for (String publicRoute : new String[] {"/api/v2/buildinfo", "/api/v2/users/first", "/api/v2/auth/scopes",
                "/healthz"}) {
            assertThat(server.http().get(publicRoute).sessionToken(token).send().status()).isEqualTo(200);
        }
        assertThat(gen.key(id).lastUsed()).isEqualTo(Instant.EPOCH);
        assertThat(status(member)).isEqualTo("dormant");
        assertThat(before.lastUsed()).isEqualTo(Instant.EPOCH);

        // The same token on an authenticated route is a use: usage written, the user activated.
        assertThat(server.http().get("/api/v2/users/me").sessionToken(token).send().status()).isEqualTo(200);
        assertThat(gen.key(id).lastUsed()).isEqualTo(server.clock().instant());
        assertThat(status(member)).isEqualTo("active");
    }

    @Test
    void aSessionOnAPublicRouteDoesNotSlide() {
        var session = DbGen.of(server).apiKey(owner.id()).lifetime(Duration.ofHours(24)).insert();
        server.clock().advance(Duration.ofHours(20));
        try {
            assertThat(server.http().get("/api/v2/buildinfo").sessionToken(session.token()).send().status())
                    .isEqualTo(200);
            assertThat(DbGen.of(server).key(session.row().id()).expiresAt()).isEqualTo(session.row().expiresAt());
        } finally {
            server.clock().advance(Duration.ofHours(-20));
        }
    }

    private static String status(TestServer.Account who) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT status::text FROM users WHERE id = :id")
                .bind("id", who.id()).mapTo(String.class).one());
    }
}
