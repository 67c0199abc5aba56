-- Named tokens, audit log and purge (tokens issue).

-- Listing a user's live named tokens reads only live rows, however many expired ones the user has:
-- a range scan on (user_id, expires_at) restricted to tokens. Shown with EXPLAIN in TokenListingPlanTest.
CREATE INDEX idx_api_keys_token_user_expires ON api_keys (user_id, expires_at) WHERE login_type = 'token';
-- The purge job deletes by expiry across every kind of key.
CREATE INDEX idx_api_keys_expires_at ON api_keys (expires_at);

-- Every change, written in the same transaction as the change itself (reference §1.3, §6).
-- Failed attempts are written in a transaction of their own, with their status code.
CREATE TABLE audit_logs (
    id                uuid         PRIMARY KEY,
    time              timestamptz  NOT NULL,
    -- The actor; the nil UUID when unknown (e.g. a failed login for an unknown email).
    user_id           uuid         NOT NULL,
    organization_id   uuid         NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
    ip                inet,
    user_agent        varchar(256) NOT NULL DEFAULT '',
    resource_type     text         NOT NULL,
    resource_id       uuid         NOT NULL,
    resource_target   text         NOT NULL DEFAULT '',
    action            text         NOT NULL,
    -- {"field": {"old": ..., "new": ..., "secret": bool}}; never a secret value or a hash.
    diff              jsonb        NOT NULL DEFAULT '{}',
    status_code       integer      NOT NULL,
    additional_fields jsonb        NOT NULL DEFAULT '{}',
    request_id        uuid         NOT NULL,
    resource_icon     text         NOT NULL DEFAULT '',
    -- Insertion order, to order rows written at the same instant (times come from the app's clock).
    seq               bigint       GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX idx_audit_logs_time ON audit_logs (time DESC, seq DESC);
CREATE INDEX idx_audit_logs_resource ON audit_logs (resource_type, resource_id);
CREATE INDEX idx_audit_logs_user ON audit_logs (user_id);
CREATE INDEX idx_audit_logs_request ON audit_logs (request_id);
