-- OAuth2 authorization server (issue 11; reference §1.3, §8). Every credential is stored as the
-- SHA-256 of its secret part and looked up by its public id (the token format's 10-character id),
-- each kind in its own table. Access tokens are ordinary api_keys rows (login type
-- oauth2_provider_app) minted through the one minting path; oauth2_access_tokens links them to
-- the client and the grant that produced them.

-- RFC 8707: the resource an OAuth2 access token was issued for ('' = not audience-bound).
ALTER TABLE api_keys ADD COLUMN audience text NOT NULL DEFAULT '';

CREATE TABLE oauth2_apps (
    id                          uuid        PRIMARY KEY,          -- the client_id
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL,
    name                        text        NOT NULL,
    icon                        text        NOT NULL DEFAULT '',
    -- Exact-match redirect URIs (OAuth 2.1 §4.1.2.1); the first is the default.
    redirect_uris               text[]      NOT NULL,
    client_type                 text        NOT NULL CHECK (client_type IN ('confidential', 'public')),
    dynamically_registered      boolean     NOT NULL DEFAULT false,
    grant_types                 text[]      NOT NULL,
    -- Per-client allowed scopes; requested scopes are negotiated against them ('{}' = coder:all).
    scopes                      text[]      NOT NULL DEFAULT '{}',
    token_endpoint_auth_method  text        NOT NULL,
    client_uri                  text        NOT NULL DEFAULT '',
    logo_uri                    text        NOT NULL DEFAULT '',
    contacts                    text[]      NOT NULL DEFAULT '{}',
    software_id                 text        NOT NULL DEFAULT '',
    software_version            text        NOT NULL DEFAULT '',
    -- The admin who created the app: client_credentials tokens act as a service account they own.
    created_by                  uuid        REFERENCES users (id) ON DELETE SET NULL,
    -- RFC 7592 registration access token (dynamically registered clients only).
    registration_token_id       text        UNIQUE,
    registration_token_hash     bytea,
    -- Who registered it (client IP), for the per-source cap on dynamic registration.
    registered_from             text        NOT NULL DEFAULT ''
);
CREATE INDEX idx_oauth2_apps_registered_from ON oauth2_apps (registered_from, created_at)
    WHERE dynamically_registered;

CREATE TABLE oauth2_app_secrets (
    id              text        PRIMARY KEY,
    app_id          uuid        NOT NULL REFERENCES oauth2_apps (id) ON DELETE CASCADE,
    hashed_secret   bytea       NOT NULL,
    -- The last characters of the secret, for recognising it in listings; never enough to use it.
    display_secret  text        NOT NULL,
    created_at      timestamptz NOT NULL,
    last_used_at    timestamptz
);
CREATE INDEX idx_oauth2_app_secrets_app ON oauth2_app_secrets (app_id);

CREATE TABLE oauth2_codes (
    id              text        PRIMARY KEY,
    hashed_secret   bytea       NOT NULL,
    app_id          uuid        NOT NULL REFERENCES oauth2_apps (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    redirect_uri    text        NOT NULL,
    resource        text        NOT NULL DEFAULT '',
    code_challenge  text        NOT NULL,
    scopes          text[]      NOT NULL,
    -- Single use: the exchange flips it with UPDATE ... WHERE used = false RETURNING.
    used            boolean     NOT NULL DEFAULT false
);
CREATE INDEX idx_oauth2_codes_app_user ON oauth2_codes (app_id, user_id);

CREATE TABLE oauth2_refresh_tokens (
    id              text        PRIMARY KEY,
    hashed_secret   bytea       NOT NULL,
    app_id          uuid        NOT NULL REFERENCES oauth2_apps (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Every refresh token descended from one authorization shares the family id; reuse of a rotated
    -- one revokes the whole family.
    family_id       uuid        NOT NULL,
    -- The access token issued with this refresh token (gone once rotated, revoked or expired).
    api_key_id      text        REFERENCES api_keys (id) ON DELETE SET NULL,
    audience        text        NOT NULL DEFAULT '',
    scopes          text[]      NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    rotated_at      timestamptz,
    replaced_by     text,
    revoked         boolean     NOT NULL DEFAULT false
);
CREATE INDEX idx_oauth2_refresh_family ON oauth2_refresh_tokens (family_id);
CREATE INDEX idx_oauth2_refresh_app_user ON oauth2_refresh_tokens (app_id, user_id);

-- Which client and grant an access token (an api_keys row) belongs to.
CREATE TABLE oauth2_access_tokens (
    api_key_id      text        PRIMARY KEY REFERENCES api_keys (id) ON DELETE CASCADE,
    app_id          uuid        NOT NULL REFERENCES oauth2_apps (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id       uuid,
    grant_type      text        NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX idx_oauth2_access_app_user ON oauth2_access_tokens (app_id, user_id);

-- RFC 8628 device authorization.
CREATE TABLE oauth2_device_codes (
    id               text        PRIMARY KEY,
    hashed_secret    bytea       NOT NULL,
    -- What the user types; stored normalised (upper case, no dash).
    user_code        text        NOT NULL UNIQUE,
    app_id           uuid        NOT NULL REFERENCES oauth2_apps (id) ON DELETE CASCADE,
    user_id          uuid        REFERENCES users (id) ON DELETE CASCADE,
    scopes           text[]      NOT NULL,
    resource         text        NOT NULL DEFAULT '',
    status           text        NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'used')),
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    interval_seconds integer     NOT NULL,
    last_polled_at   timestamptz
);
