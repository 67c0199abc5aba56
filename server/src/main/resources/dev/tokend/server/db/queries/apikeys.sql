-- API keys (ApiKeyDao). Times come from the application's clock, never from now().

-- name: insertApiKey
-- Reference §5.2: a lifetime of 0 is stored as the 86400-second default.
INSERT INTO api_keys (id, hashed_secret, user_id, last_used, expires_at, created_at, updated_at, login_type,
                      lifetime_seconds, ip_address, token_name, scopes, allow_list, sliding_expiry, audience)
VALUES (:id, :hashedSecret, :userId, '1970-01-01 00:00:00+00', :expiresAt, :now, :now,
        CAST(:loginType AS login_type),
        CASE WHEN :lifetimeSeconds <= 0 THEN 86400 ELSE :lifetimeSeconds END,
        CAST(:ipAddress AS inet), :tokenName, CAST(:scopes AS text[]), CAST(:allowList AS text[]), :slidingExpiry,
        :audience);

-- name: getApiKeyById
SELECT * FROM api_keys WHERE id = :id;

-- name: deleteApiKey
DELETE FROM api_keys WHERE id = :id;

-- name: deleteApiKeysOfUser
DELETE FROM api_keys WHERE user_id = :userId;

-- name: deleteApplicationConnectKeysOfUser
-- Logout also removes workspace-app keys (reference U5); 'application_connect' is the legacy alias.
DELETE FROM api_keys
WHERE user_id = :userId AND scopes && ARRAY['coder:application_connect', 'application_connect']::text[];

-- Named-token listings: only login type 'token'; live ones filtered here in SQL, not in Java.
-- Separate statements per filter (rather than "(:includeExpired OR ...)") keep the index usable
-- in prepared, generic plans.

-- name: listLiveTokensOfUser
SELECT k.*, u.username FROM api_keys k JOIN users u ON u.id = k.user_id
WHERE k.login_type = 'token' AND k.user_id = :userId AND k.expires_at > :now
ORDER BY k.created_at, k.id;

-- name: listAllTokensOfUser
SELECT k.*, u.username FROM api_keys k JOIN users u ON u.id = k.user_id
WHERE k.login_type = 'token' AND k.user_id = :userId
ORDER BY k.created_at, k.id;

-- name: listLiveTokens
SELECT k.*, u.username FROM api_keys k JOIN users u ON u.id = k.user_id
WHERE k.login_type = 'token' AND k.expires_at > :now
ORDER BY k.created_at, k.id;

-- name: listAllTokens
SELECT k.*, u.username FROM api_keys k JOIN users u ON u.id = k.user_id
WHERE k.login_type = 'token'
ORDER BY k.created_at, k.id;

-- name: getApiKeyByName
-- Exact, case-sensitive name among the user's named keys; the newest if names repeat across login types.
SELECT * FROM api_keys WHERE user_id = :userId AND token_name = :name AND token_name <> ''
ORDER BY (login_type = 'token') DESC, created_at DESC LIMIT 1;

-- name: tokenNameTaken
SELECT EXISTS (SELECT 1 FROM api_keys WHERE user_id = :userId AND login_type = 'token' AND token_name = :name);

-- name: expireApiKey
-- Idempotent: an already expired key keeps its earlier expiry. One microsecond before now, because
-- a key whose expires_at equals now is still valid (reference §3.2 step 5) and expiring must take
-- effect immediately, even within the same clock tick.
UPDATE api_keys SET expires_at = LEAST(expires_at, CAST(:now AS timestamptz) - interval '1 microsecond'),
                    updated_at = :now
WHERE id = :id;

-- name: updateToken
UPDATE api_keys
SET scopes = CAST(:scopes AS text[]), allow_list = CAST(:allowList AS text[]), expires_at = :expiresAt,
    lifetime_seconds = :lifetimeSeconds, updated_at = :now
WHERE id = :id;

-- name: deleteExpiredApiKeys
-- One batch of the purge job: keys that expired before the cutoff, oldest first.
DELETE FROM api_keys WHERE id IN (
    SELECT id FROM api_keys WHERE expires_at < :cutoff ORDER BY expires_at LIMIT :limit);

-- name: lockApiKeyById
-- Writes to one key (PATCH, expire) lock it first, so concurrent writers are serialised and each
-- decides on the row as the one before it left it (issue 9: expiry is final, even under races).
SELECT * FROM api_keys WHERE id = :id FOR UPDATE;

-- name: lockApiKeyByName
SELECT * FROM api_keys WHERE user_id = :userId AND token_name = :name AND token_name <> ''
ORDER BY (login_type = 'token') DESC, created_at DESC LIMIT 1 FOR UPDATE;

-- name: apiKeyIsLive
-- The minting path re-checks, under the users' share locks, that the key it mints on the strength
-- of still exists: a password change that committed first has deleted it.
SELECT EXISTS (SELECT 1 FROM api_keys WHERE id = :id AND expires_at >= :now);

-- name: getPrincipalByKeyId
-- The validator's one round trip on a cache miss: the key, its live user and the user's memberships,
-- with named columns. The user's password hash is not selected: it never enters a principal.
SELECT k.id, k.hashed_secret, k.user_id, k.last_used, k.expires_at, k.created_at, k.updated_at,
       k.login_type, k.lifetime_seconds, k.ip_address, k.token_name, k.scopes, k.allow_list, k.sliding_expiry,
       k.audience,
       u.id IS NOT NULL AS user_found,
       u.email AS u_email, u.username AS u_username, u.name AS u_name, u.created_at AS u_created_at,
       u.updated_at AS u_updated_at, u.status AS u_status, u.rbac_roles AS u_rbac_roles,
       u.login_type AS u_login_type, u.avatar_url AS u_avatar_url, u.last_seen_at AS u_last_seen_at,
       u.is_system AS u_is_system, u.theme_preference AS u_theme_preference,
       COALESCE((SELECT array_agg(m.organization_id::text || '|' || array_to_string(m.roles, ',')
                                  ORDER BY m.created_at, m.organization_id)
                 FROM organization_members m WHERE m.user_id = u.id), '{}') AS u_memberships
FROM api_keys k
LEFT JOIN users u ON u.id = k.user_id AND NOT u.deleted
WHERE k.id = :id;

-- name: allApiKeyIds
-- The known-id filter's initial load (ids only; about 60 bytes a key in memory).
SELECT id FROM api_keys;

-- name: updateApiKeyUsageBatch
-- The usage writer's batched statement (one row per key in a batch). The expiry moves only if it is
-- still the one the slide was computed from: a key expired, PATCHed or slid elsewhere meanwhile
-- keeps what that change wrote (a late usage write never revives a key). A key locked by another
-- transaction (being deleted, expired, updated) is skipped, never waited for: the writer then
-- holds no lock anyone waits on while it waits, so it cannot deadlock with a user's deletion.
UPDATE api_keys
SET last_used = GREATEST(last_used, :lastUsed),
    expires_at = CASE WHEN expires_at = :slidFrom THEN :expiresAt ELSE expires_at END,
    ip_address = CAST(:ipAddress AS inet)
WHERE id = (SELECT id FROM api_keys WHERE id = :id FOR UPDATE SKIP LOCKED);
-- name: listLiveSessionsOfUser
-- The Account page: a user's sign-in sessions and CLI keys (live keys that are not named tokens),
-- most recently used first.
SELECT * FROM api_keys
WHERE user_id = :userId AND login_type IN ('password', 'github', 'oidc') AND expires_at > :now
ORDER BY last_used DESC, created_at DESC, id;
