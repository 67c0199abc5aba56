package dev.tokend.server.auth;

import dev.tokend.server.db.PrincipalRow;
import dev.tokend.server.db.UserRow;
import java.net.InetAddress;
import java.util.Optional;
import java.util.UUID;

/** What the validator needs from storage: one read on a cache miss, and the one dormancy path. */
public interface ApiKeyStore {
    /** The key with this public id, its live user and memberships, in one query; empty if no such key. */
    Optional<PrincipalRow> load(String id);

    /**
     * Flips a dormant user to active and audits it (by the system, with the id of the request that
     * used the key) in the same transaction; true when it did.
     */
    boolean activateDormant(UserRow user, UUID requestId, InetAddress clientIp);
}
