-- Users. Every statement is named after the UserDao method that runs it.
-- Email and username comparisons are case-insensitive and ignore deleted users (reference §1.3).

-- name: countUsers
SELECT count(*) FROM users WHERE NOT deleted AND NOT is_system;

-- name: insertUser
INSERT INTO users (id, email, username, name, hashed_password, created_at, updated_at, status, rbac_roles, login_type)
VALUES (:id, :email, :username, :name, :hashedPassword, :now, :now, CAST(:status AS user_status),
        CAST(:rbacRoles AS text[]), CAST(:loginType AS login_type));

-- name: getUserById
SELECT * FROM users WHERE id = :id AND NOT deleted;

-- name: getUserByEmail
SELECT * FROM users WHERE lower(email) = lower(:email) AND NOT deleted;

-- name: getUserByUsername
SELECT * FROM users WHERE lower(username) = lower(:username) AND NOT deleted;

-- name: userExistsByEmailOrUsername
SELECT EXISTS (
    SELECT 1 FROM users
    WHERE NOT deleted AND (lower(email) = lower(:email) OR lower(username) = lower(:username)));

-- name: listUsers
-- search matches username or email (plain substring, case-insensitive: no LIKE wildcards to escape);
-- status '' means any.
SELECT * FROM users
WHERE NOT deleted AND NOT is_system
  AND (:search = '' OR strpos(lower(username), lower(:search)) > 0 OR strpos(lower(email), lower(:search)) > 0)
  AND (:status = '' OR status = CAST(NULLIF(:status, '') AS user_status))
ORDER BY lower(username), id
LIMIT CASE WHEN :limit > 0 THEN :limit END OFFSET :offset;

-- name: countListedUsers
SELECT count(*) FROM users
WHERE NOT deleted AND NOT is_system
  AND (:search = '' OR strpos(lower(username), lower(:search)) > 0 OR strpos(lower(email), lower(:search)) > 0)
  AND (:status = '' OR status = CAST(NULLIF(:status, '') AS user_status));

-- name: updateUserStatus
UPDATE users SET status = CAST(:status AS user_status), updated_at = :now WHERE id = :id AND NOT deleted;

-- name: activateDormantUser
UPDATE users SET status = 'active', updated_at = :now WHERE id = :id AND status = 'dormant' AND NOT deleted;

-- name: updateUserRoles
UPDATE users SET rbac_roles = CAST(:rbacRoles AS text[]), updated_at = :now WHERE id = :id AND NOT deleted;

-- name: updateUserPassword
UPDATE users SET hashed_password = :hashedPassword, updated_at = :now WHERE id = :id AND NOT deleted;

-- name: softDeleteUser
-- The trigger delete_deleted_user_resources removes the user's API keys in the same statement.
UPDATE users SET deleted = true, updated_at = :now WHERE id = :id AND NOT deleted;

-- name: lockFirstUserCreation
-- Serialises concurrent POST /users/first so exactly one of them creates the first user.
SELECT 1 FROM (SELECT pg_advisory_xact_lock(7324517001)) AS locked;

-- name: lockUserForUpdate
-- Password changes, status and role changes lock the user row: concurrent mints (which hold a share
-- lock on it) either commit before and are swept up by the change, or wait and then see its result.
SELECT * FROM users WHERE id = :id AND NOT deleted FOR UPDATE;

-- name: lockUsersForShare
-- Taken by the minting path on the key's owner and on the acting user, in id order (no deadlocks).
SELECT id FROM users WHERE id = ANY(CAST(:ids AS uuid[])) AND NOT deleted ORDER BY id FOR SHARE;

-- name: updateUserLastSeenBatch
-- The usage writer's batch (one row per key's user); never moves last_seen_at back. A user row
-- locked by another transaction is skipped, not waited for (see updateApiKeyUsageBatch).
UPDATE users SET last_seen_at = :now
WHERE id = (SELECT id FROM users WHERE id = :id AND last_seen_at < :now FOR UPDATE SKIP LOCKED);
