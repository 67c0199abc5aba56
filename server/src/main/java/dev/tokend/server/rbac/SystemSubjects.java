package dev.tokend.server.rbac;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Named subjects for background jobs, each with only the role it needs (STYLE habit 6). They are
 * never users: their ids are fixed, name-derived UUIDs that no user row has.
 */
public final class SystemSubjects {
    /** Role that may delete API keys, and nothing else. */
    public static final String PURGE_ROLE = "system:purge";

    /** The API-key purge job. */
    public static final Subject PURGE = new Subject(
            UUID.nameUUIDFromBytes("tokend:system:purge".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "system:purge", Set.of(PURGE_ROLE), Map.of(), List.of("api_key:delete"), List.of("*:*"));

    /** Role of the OAuth2 protocol endpoints (reference §8.6): OAuth2 apps, API keys (read, delete), users and organizations (read). */
    public static final String OAUTH2_ROLE = "system:oauth2";

    /**
     * The OAuth2 token, revoke, introspect, register and device endpoints (reference §8.6): never an
     * all-powerful system; keys are minted through the one minting path on the grant's authority.
     */
    public static final Subject OAUTH2 = new Subject(
            UUID.nameUUIDFromBytes("tokend:system:oauth2".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "system:oauth2", Set.of(OAUTH2_ROLE), Map.of(), List.of("coder:all"), List.of("*:*"));

    /**
     * The server itself flipping a dormant user to active on first use (no permissions: the change
     * is made by the store's one dormancy path, which needs no authorization, and audited as the system).
     */
    public static final Subject DORMANCY = new Subject(
            UUID.nameUUIDFromBytes("tokend:system:dormancy".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "system:dormancy", Set.of(), Map.of(), List.of(), List.of());

    private SystemSubjects() {}
}
