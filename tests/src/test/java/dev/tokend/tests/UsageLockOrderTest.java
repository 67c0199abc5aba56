package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.store.ApiKeyMinter;
import dev.tokend.testkit.TestServerExtension;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The usage writer (last_used, sliding expiry, last_seen_at, written behind the response) never
 * waits for a row another transaction holds: it skips it. Found in CI: the writer held a key and
 * waited for its user's row, the deletion of that user held the row and waited for the key, and
 * PostgreSQL ended the deadlock by failing the deletion (a 500).
 */
class UsageLockOrderTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();

    @Test
    void aUsageWriteSkipsTheLockedUserAndHoldsNoKeyTheUsersTransactionNeeds() {
        UUID owner = server.owner().id();
        ApiKeyMinter.Minted key = server.dbGen().apiKey(owner).sliding(false).insert(); // never used: first use writes
        Instant lastSeen = lastSeenAt(owner);
        try (Handle deletion = server.jdbi().open()) {
            // As the deletion of the user begins: its row is locked until the end of the transaction.
            deletion.begin();
            deletion.createUpdate("UPDATE users SET updated_at = updated_at WHERE id = :id").bind("id", owner).execute();

            assertThat(server.http().get("/api/v2/users/me").sessionToken(key.token()).send().status()).isEqualTo(200);

            // Written (and committed) while the user's row is still locked: the writer did not wait
            // for it. A writer that waited would still hold the key here and the deletion would deadlock.
            assertThat(server.dbGen().key(key.row().id()).lastUsed()).isEqualTo(server.clock().instant());
            assertThat(deletion.createQuery("SELECT id FROM api_keys WHERE id = :id FOR UPDATE NOWAIT")
                    .bind("id", key.row().id()).mapTo(String.class).one()).isEqualTo(key.row().id());
            deletion.createUpdate("DELETE FROM api_keys WHERE user_id = :id AND id = :key").bind("id", owner)
                    .bind("key", key.row().id()).execute();
            deletion.commit();
        }
        // The locked user's last-seen time was skipped, not waited for.
        assertThat(lastSeenAt(owner)).isEqualTo(lastSeen);
        assertThat(server.client(server.owner().token()).me().id()).isEqualTo(owner);
    }

    private static Instant lastSeenAt(UUID user) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT last_seen_at FROM users WHERE id = :id")
                .bind("id", user).mapTo(java.time.OffsetDateTime.class).one()).toInstant();
    }
}
