-- OAuth2 authorization server (OAuth2Dao). Times come from the application's clock, never from now().

-- name: insertOAuth2App
INSERT INTO oauth2_apps (id, created_at, updated_at, name, icon, redirect_uris, client_type, dynamically_registered,
                         grant_types, scopes, token_endpoint_auth_method, client_uri, logo_uri, contacts,
                         software_id, software_version, created_by, registration_token_id,
                         registration_token_hash, registered_from)
VALUES (:id, :now, :now, :name, :icon, CAST(:redirectUris AS text[]), :clientType, :dynamic,
        CAST(:grantTypes AS text[]), CAST(:scopes AS text[]), :authMethod, :clientUri, :logoUri,
        CAST(:contacts AS text[]), :softwareId, :softwareVersion, :createdBy, :registrationTokenId,
        :registrationTokenHash, :registeredFrom);

-- name: getOAuth2App
SELECT * FROM oauth2_apps WHERE id = :id;

-- name: getOAuth2AppByRegistrationToken
SELECT * FROM oauth2_apps WHERE registration_token_id = :tokenId;

-- name: listOAuth2Apps
SELECT * FROM oauth2_apps ORDER BY created_at, id;

-- name: updateOAuth2App
UPDATE oauth2_apps
SET name = :name, icon = :icon, redirect_uris = CAST(:redirectUris AS text[]),
    grant_types = CAST(:grantTypes AS text[]), scopes = CAST(:scopes AS text[]), client_uri = :clientUri,
    logo_uri = :logoUri, contacts = CAST(:contacts AS text[]), updated_at = :now
WHERE id = :id;

-- name: deleteOAuth2App
DELETE FROM oauth2_apps WHERE id = :id;

-- name: deleteApiKeysOfOAuth2App
-- The app's access tokens are API keys: deleting the app deletes them (the link rows cascade).
-- Deletes of access tokens return the ids, for the validation cache's events.
DELETE FROM api_keys WHERE id IN (SELECT api_key_id FROM oauth2_access_tokens WHERE app_id = :appId) RETURNING id;

-- name: lockOAuth2RegistrationSource
-- Serialises registrations from one source for the rest of the transaction, so the cap holds.
SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked;

-- name: getOAuth2Code
SELECT * FROM oauth2_codes WHERE id = :id;

-- name: countOAuth2AppsRegisteredFrom
SELECT count(*) FROM oauth2_apps
WHERE dynamically_registered AND registered_from = :source AND created_at > :since;

-- name: insertOAuth2AppSecret
INSERT INTO oauth2_app_secrets (id, app_id, hashed_secret, display_secret, created_at)
VALUES (:id, :appId, :hashedSecret, :displaySecret, :now);

-- name: listOAuth2AppSecrets
SELECT * FROM oauth2_app_secrets WHERE app_id = :appId ORDER BY created_at, id;

-- name: getOAuth2AppSecret
SELECT * FROM oauth2_app_secrets WHERE id = :id;

-- name: deleteOAuth2AppSecret
DELETE FROM oauth2_app_secrets WHERE app_id = :appId AND id = :id;

-- name: touchOAuth2AppSecret
-- Debounced in SQL: at most one write per secret per hour.
UPDATE oauth2_app_secrets SET last_used_at = :now
WHERE id = :id AND (last_used_at IS NULL OR last_used_at < CAST(:now AS timestamptz) - interval '1 hour');

-- name: insertOAuth2Code
INSERT INTO oauth2_codes (id, hashed_secret, app_id, user_id, created_at, expires_at, redirect_uri, resource,
                          code_challenge, scopes)
VALUES (:id, :hashedSecret, :appId, :userId, :now, :expiresAt, :redirectUri, :resource, :codeChallenge,
        CAST(:scopes AS text[]));

-- name: consumeOAuth2Code
-- Single use, atomically: of two concurrent exchanges exactly one gets the row back. The code
-- keeps the family its exchange begins, so that a second use can revoke what it issued.
UPDATE oauth2_codes SET used = true, family_id = :familyId WHERE id = :id AND used = false RETURNING *;

-- name: lockOAuth2Code
-- A second use of a code locks it while it revokes the family the first use began.
SELECT * FROM oauth2_codes WHERE id = :id FOR UPDATE;

-- name: deleteOAuth2CodesOf
DELETE FROM oauth2_codes WHERE app_id = :appId AND user_id = :userId;

-- name: deleteUnusedOAuth2CodesOf
-- A new consent replaces the pending codes of (app, user); used ones stay until the purge, so that
-- their reuse is still recognised (and revokes what they issued).
DELETE FROM oauth2_codes WHERE app_id = :appId AND user_id = :userId AND NOT used;

-- name: insertOAuth2RefreshToken
INSERT INTO oauth2_refresh_tokens (id, hashed_secret, app_id, user_id, family_id, api_key_id, audience, scopes,
                                   created_at, expires_at)
VALUES (:id, :hashedSecret, :appId, :userId, :familyId, :apiKeyId, :audience, CAST(:scopes AS text[]), :now,
        :expiresAt);

-- name: getOAuth2RefreshToken
SELECT * FROM oauth2_refresh_tokens WHERE id = :id;

-- name: lockOAuth2RefreshToken
-- Rotation locks the presented token, so concurrent refreshes are serialised: one rotates, the
-- other sees it rotated.
SELECT * FROM oauth2_refresh_tokens WHERE id = :id FOR UPDATE;

-- name: markOAuth2RefreshRotated
-- A grace retry keeps the first rotation time: the grace never extends itself.
UPDATE oauth2_refresh_tokens SET rotated_at = COALESCE(rotated_at, :now), replaced_by = :replacedBy WHERE id = :id;

-- name: revokeOAuth2RefreshToken
UPDATE oauth2_refresh_tokens SET revoked = true, revoked_at = COALESCE(revoked_at, :now) WHERE id = :id;

-- name: deleteApiKeysOfOAuth2Family
DELETE FROM api_keys WHERE id IN (SELECT api_key_id FROM oauth2_access_tokens WHERE family_id = :familyId)
RETURNING id;

-- name: revokeOAuth2RefreshFamily
-- Counts every row of the family; rows revoked earlier keep their first revocation time.
UPDATE oauth2_refresh_tokens SET revoked = true, revoked_at = COALESCE(revoked_at, :now)
WHERE family_id = :familyId;

-- name: insertOAuth2AccessToken
INSERT INTO oauth2_access_tokens (api_key_id, app_id, user_id, family_id, grant_type, created_at)
VALUES (:apiKeyId, :appId, :userId, :familyId, :grantType, :now);

-- name: getOAuth2AccessToken
SELECT * FROM oauth2_access_tokens WHERE api_key_id = :apiKeyId;

-- name: deleteApiKeysOfOAuth2AppUser
DELETE FROM api_keys WHERE id IN (
    SELECT api_key_id FROM oauth2_access_tokens WHERE app_id = :appId AND user_id = :userId) RETURNING id;

-- name: revokeOAuth2RefreshOfAppUser
UPDATE oauth2_refresh_tokens SET revoked = true, revoked_at = COALESCE(revoked_at, :now)
WHERE app_id = :appId AND user_id = :userId;

-- name: listOAuth2AppsAuthorizedBy
-- Apps holding a live access token or a live refresh token of the user.
SELECT a.*, g.first_authorized_at FROM oauth2_apps a JOIN (
    SELECT app_id, min(created_at) AS first_authorized_at FROM (
        SELECT t.app_id, t.created_at FROM oauth2_access_tokens t JOIN api_keys k ON k.id = t.api_key_id
        WHERE t.user_id = :userId AND k.expires_at >= :now
        UNION ALL
        SELECT r.app_id, r.created_at FROM oauth2_refresh_tokens r
        WHERE r.user_id = :userId AND NOT r.revoked AND r.rotated_at IS NULL AND r.expires_at >= :now
    ) live GROUP BY app_id
) g ON g.app_id = a.id
ORDER BY a.name, a.id;

-- name: insertOAuth2DeviceCode
INSERT INTO oauth2_device_codes (id, hashed_secret, user_code, app_id, scopes, resource, status, created_at,
                                 expires_at, interval_seconds)
VALUES (:id, :hashedSecret, :userCode, :appId, CAST(:scopes AS text[]), :resource, 'pending', :now, :expiresAt,
        :interval);

-- name: lockOAuth2DeviceCode
SELECT * FROM oauth2_device_codes WHERE id = :id FOR UPDATE;

-- name: lockOAuth2DeviceCodeByUserCode
SELECT * FROM oauth2_device_codes WHERE user_code = :userCode FOR UPDATE;

-- name: decideOAuth2DeviceCode
UPDATE oauth2_device_codes SET status = :status, user_id = :userId WHERE id = :id AND status = 'pending';

-- name: pollOAuth2DeviceCode
UPDATE oauth2_device_codes SET last_polled_at = :now, interval_seconds = :interval WHERE id = :id;

-- name: useOAuth2DeviceCode
UPDATE oauth2_device_codes SET status = 'used' WHERE id = :id AND status = 'approved';

-- ---- purge (purge.OAuth2Purge): one batch each, oldest first ----------------------------------
-- The cutoff is now minus the retention; see docs/oauth2.md "Purge" for why each rule is safe.

-- name: deleteExpiredOAuth2Codes
DELETE FROM oauth2_codes WHERE id IN (
    SELECT id FROM oauth2_codes WHERE expires_at < :cutoff ORDER BY expires_at LIMIT :limit);

-- name: deleteExpiredOAuth2DeviceCodes
DELETE FROM oauth2_device_codes WHERE id IN (
    SELECT id FROM oauth2_device_codes WHERE expires_at < :cutoff ORDER BY expires_at LIMIT :limit);

-- name: deleteDeadOAuth2RefreshTokens
-- Expired, or revoked, before the cutoff. A rotated token that is neither stays: presenting it
-- is how the reuse of its family is detected.
DELETE FROM oauth2_refresh_tokens WHERE id IN (
    SELECT id FROM oauth2_refresh_tokens WHERE expires_at < :cutoff
    UNION
    SELECT id FROM oauth2_refresh_tokens WHERE revoked AND revoked_at < :cutoff
    LIMIT :limit);
