-- Foundation schema: users, organizations, memberships and API keys (reference §1.1–1.3).
-- Every timestamp that a rule depends on is written from the application's injected clock,
-- never from now(), so tests can move time without sleeping.

CREATE TYPE login_type AS ENUM ('password', 'github', 'oidc', 'token', 'none', 'oauth2_provider_app');
CREATE TYPE user_status AS ENUM ('active', 'suspended', 'dormant');

CREATE TABLE users (
    id                  uuid        PRIMARY KEY,
    email               text        NOT NULL,
    username            text        NOT NULL CHECK (length(username) >= 1),
    name                text        NOT NULL DEFAULT '',
    -- PBKDF2 string "$pbkdf2-sha256$<iter>$<salt>$<hash>" as bytes (reference §1.6); empty when
    -- the user has no password (login types other than password).
    hashed_password     bytea       NOT NULL DEFAULT ''::bytea,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    status              user_status NOT NULL DEFAULT 'dormant',
    rbac_roles          text[]      NOT NULL DEFAULT '{}',
    login_type          login_type  NOT NULL DEFAULT 'password',
    avatar_url          text        NOT NULL DEFAULT '',
    deleted             boolean     NOT NULL DEFAULT false,
    last_seen_at        timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00',
    is_system           boolean     NOT NULL DEFAULT false,
    theme_preference    text        NOT NULL DEFAULT '',
    github_com_user_id  bigint,
    hashed_one_time_passcode      bytea,
    one_time_passcode_expires_at  timestamptz,
    CONSTRAINT one_time_passcode_set CHECK (
        (hashed_one_time_passcode IS NULL) = (one_time_passcode_expires_at IS NULL))
);

-- Unique case-insensitively among users that are not deleted (a deleted user's name can be reused).
CREATE UNIQUE INDEX idx_users_email_lower ON users (lower(email)) WHERE deleted = false;
CREATE UNIQUE INDEX idx_users_username_lower ON users (lower(username)) WHERE deleted = false;

CREATE TABLE organizations (
    id           uuid        PRIMARY KEY,
    name         text        NOT NULL,
    display_name text        NOT NULL,
    description  text        NOT NULL DEFAULT '',
    icon         text        NOT NULL DEFAULT '',
    is_default   boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX idx_organizations_name_lower ON organizations (lower(name));
-- At most one default organization.
CREATE UNIQUE INDEX idx_organizations_single_default ON organizations (is_default) WHERE is_default;

CREATE TABLE organization_members (
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    -- Organization roles beyond the implicit organization-member.
    roles           text[]      NOT NULL DEFAULT '{}',
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX idx_organization_members_user ON organization_members (user_id);

CREATE TABLE api_keys (
    -- The 10-character public identifier embedded in the token (not secret).
    id               text        PRIMARY KEY,
    -- SHA-256 of the secret part; the secret itself is never stored.
    hashed_secret    bytea       NOT NULL,
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_used        timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    login_type       login_type  NOT NULL,
    lifetime_seconds bigint      NOT NULL DEFAULT 86400,
    ip_address       inet        NOT NULL DEFAULT '0.0.0.0',
    token_name       text        NOT NULL DEFAULT '',
    scopes           text[]      NOT NULL DEFAULT '{coder:all}',
    allow_list       text[]      NOT NULL DEFAULT '{*:*}',
    -- tokend: only interactive sessions slide their expiry. A key from POST /users/{user}/keys has
    -- login type password like a browser session but must not slide, so the rule cannot be derived
    -- from login_type alone; it is decided once, when the key is minted.
    sliding_expiry   boolean     NOT NULL DEFAULT false
);
-- Named tokens are unique per user; duplicate names are a 409 (reference §1.1).
CREATE UNIQUE INDEX idx_api_key_name ON api_keys (user_id, token_name) WHERE login_type = 'token';
CREATE INDEX idx_api_keys_user ON api_keys (user_id);

-- Reference §1.1: a key can never be created for a deleted user ...
CREATE FUNCTION insert_apikey_fail_if_user_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND deleted) THEN
        RAISE EXCEPTION 'Cannot create API key for deleted user';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER trigger_insert_apikeys
    BEFORE INSERT ON api_keys
    FOR EACH ROW EXECUTE FUNCTION insert_apikey_fail_if_user_deleted();

-- ... and soft-deleting a user deletes every key of that user.
CREATE FUNCTION delete_deleted_user_resources() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.deleted AND NOT OLD.deleted THEN
        DELETE FROM api_keys WHERE user_id = NEW.id;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER trigger_delete_deleted_user_resources
    AFTER UPDATE OF deleted ON users
    FOR EACH ROW EXECUTE FUNCTION delete_deleted_user_resources();

-- Per-deployment secrets and settings generated on first start (e.g. the CSRF key).
CREATE TABLE site_configs (
    key   text PRIMARY KEY,
    value text NOT NULL
);
