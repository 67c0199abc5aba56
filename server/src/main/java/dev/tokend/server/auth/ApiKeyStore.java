package dev.tokend.server.auth;

import dev.tokend.server.db.ApiKeyRow;

import dev.tokend.server.db.Membership;
import dev.tokend.server.db.UserRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the validator needs from storage. An interface so that a cache can later sit in front of the
 * database lookups without the validator, the middleware or any handler changing.
 */
public interface ApiKeyStore {
    /** The key with this public id, if any. */
    Optional<ApiKeyRow> findKey(String id);

    /** The (non-deleted) user and their organization memberships, if any. */
    Optional<UserWithMemberships> findUser(UUID userId);

    /** Persists the debounced usage of a key and the user's last-seen time, in one transaction. */
    void recordUsage(ApiKeyRow key, Instant lastUsed, Instant expiresAt, String ipAddress, Instant now);

    /**
     * Flips a dormant user to active and audits it (by the system, with the id of the request that
     * used the key) in the same transaction; true when it did.
     */
    boolean activateDormant(UserRow user, java.util.UUID requestId, java.net.InetAddress clientIp);

    /** A user row with its memberships. */
    record UserWithMemberships(UserRow user, List<Membership> memberships) {
        public UserWithMemberships {
            memberships = List.copyOf(memberships);
        }
    }
}
