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

-- name: updateApiKeyUsage
-- Written at most once an hour per key by the authentication middleware (debounced in Java).
UPDATE api_keys
SET last_used = :lastUsed, expires_at = :expiresAt, ip_address = CAST(:ipAddress AS inet)
WHERE id = :id;

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
