-- User links (reference §A.9). Every statement is named after the UserLinkDao method that runs it.

-- name: getUserLinkByLinkedId
-- The link of a non-deleted user with this IdP identity (the login type is not filtered, §A.8).
SELECT l.* FROM user_links l JOIN users u ON u.id = l.user_id
WHERE l.linked_id = :linkedId AND l.linked_id <> '' AND NOT u.deleted
ORDER BY l.login_type
LIMIT 1;

-- name: getUserLink
SELECT * FROM user_links WHERE user_id = :userId AND login_type = CAST(:loginType AS login_type);

-- name: lockUserLink
-- Serialises refreshes of one link across replicas (issue 12: concurrent refreshes refresh once).
SELECT * FROM user_links WHERE user_id = :userId AND login_type = CAST(:loginType AS login_type) FOR UPDATE;

-- name: insertUserLink
-- :expiry NULL is the zero time (no expiry): a bound year-1 timestamp would be shifted by the driver.
INSERT INTO user_links (user_id, login_type, linked_id, oauth_access_token, oauth_access_token_key_id,
                        oauth_refresh_token, oauth_refresh_token_key_id, oauth_expiry, claims)
VALUES (:userId, CAST(:loginType AS login_type), :linkedId, :accessToken, :accessTokenKeyId, :refreshToken,
        :refreshTokenKeyId, COALESCE(CAST(:expiry AS timestamptz), '0001-01-01 00:00:00+00'), CAST(:claims AS jsonb));

-- name: updateUserLinkLogin
-- A later login: tokens, expiry and claims; linked_id is never updated (§A.9).
UPDATE user_links SET oauth_access_token = :accessToken, oauth_access_token_key_id = :accessTokenKeyId,
                      oauth_refresh_token = :refreshToken, oauth_refresh_token_key_id = :refreshTokenKeyId,
                      oauth_expiry = COALESCE(CAST(:expiry AS timestamptz), '0001-01-01 00:00:00+00'), claims = CAST(:claims AS jsonb)
WHERE user_id = :userId AND login_type = CAST(:loginType AS login_type);

-- name: updateUserLinkTokens
-- A refresh during validation (§B 3e): tokens and expiry only, claims unchanged.
UPDATE user_links SET oauth_access_token = :accessToken, oauth_access_token_key_id = :accessTokenKeyId,
                      oauth_refresh_token = :refreshToken, oauth_refresh_token_key_id = :refreshTokenKeyId,
                      oauth_expiry = COALESCE(CAST(:expiry AS timestamptz), '0001-01-01 00:00:00+00')
WHERE user_id = :userId AND login_type = CAST(:loginType AS login_type);

-- name: updateUserFromIdp
-- Every IdP login overwrites email, name and avatar with the IdP's values (§A.7).
UPDATE users SET email = :email, name = :name, avatar_url = :avatarUrl, updated_at = :now
WHERE id = :id AND NOT deleted;

-- name: updateUserLoginType
UPDATE users SET login_type = CAST(:loginType AS login_type), hashed_password = ''::bytea, updated_at = :now
WHERE id = :id AND NOT deleted;

-- name: updateUserGithubComUserId
UPDATE users SET github_com_user_id = :githubId WHERE id = :id;

-- name: usernameTaken
SELECT EXISTS (SELECT 1 FROM users WHERE NOT deleted AND lower(username) = lower(:username));
