-- API keys (ApiKeyDao). Times come from the application's clock, never from now().

-- name: insertApiKey
-- Reference §5.2: a lifetime of 0 is stored as the 86400-second default.
INSERT INTO api_keys (id, hashed_secret, user_id, last_used, expires_at, created_at, updated_at, login_type,
                      lifetime_seconds, ip_address, token_name, scopes, allow_list, sliding_expiry)
VALUES (:id, :hashedSecret, :userId, '1970-01-01 00:00:00+00', :expiresAt, :now, :now,
        CAST(:loginType AS login_type),
        CASE WHEN :lifetimeSeconds <= 0 THEN 86400 ELSE :lifetimeSeconds END,
        CAST(:ipAddress AS inet), :tokenName, CAST(:scopes AS text[]), CAST(:allowList AS text[]), :slidingExpiry);

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
