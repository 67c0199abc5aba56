package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestDatabase;
import dev.tokend.testkit.TestServer;
import org.junit.jupiter.api.Test;

/**
 * tokend decision: a database failure while authenticating is a 500 with the internal message,
 * never a 401 (a 401 would make browser clients sign their user out).
 */
class DatabaseFailureTest {
    private static final String INTERNAL =
            "An internal error occurred. Please try again or contact the system administrator.";

    @Test
    void databaseDownDuringKeyLookupIs500NotA401AndRecovers() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            RawHttp http = server.http();
            assertThat(http.get("/api/v2/users/me").sessionToken(owner.token()).send().status()).isEqualTo(200);
            // A key the server has never validated: its lookup must reach the database.
            String fresh = DbGen.of(server).apiKey(owner.id()).insert().token();

            TestDatabase.disconnect(server.databaseName());
            try {
                RawHttp.Response r = http.get("/api/v2/users/me").sessionToken(fresh).send();
                assertThat(r.status()).isEqualTo(500);
                assertThat(r.message()).isEqualTo(INTERNAL);
                assertThat(r.header("WWW-Authenticate")).isNull();
                // A cached key is not served from memory once the revocation listener has lost the
                // database (it cannot hear revocations): it too is a 500, never a 401.
                assertThat(awaitStatus(http, owner.token(), 500)).isEqualTo(500);
                // A malformed token never needs the database: still a plain 401.
                assertThat(http.get("/api/v2/users/me").sessionToken("garbage").send().status()).isEqualTo(401);
            } finally {
                TestDatabase.reconnect(server.databaseName());
            }
            assertThat(awaitStatus(http, owner.token(), 200)).isEqualTo(200);
            assertThat(http.get("/api/v2/users/me").sessionToken(fresh).send().status()).isEqualTo(200);
        }
    }

    /** Polls (bounded, no sleep) until /users/me answers {@code expected}; returns the last status. */
    private static int awaitStatus(RawHttp http, String token, int expected) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        int status;
        do {
            status = http.get("/api/v2/users/me").sessionToken(token).send().status();
        } while (status != expected && System.nanoTime() < deadline);
        return status;
    }
}
