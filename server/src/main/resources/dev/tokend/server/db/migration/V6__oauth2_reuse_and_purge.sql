-- OAuth2 hardening (docs/oauth2.md "Code reuse" and "Purge").
--
-- 1. An authorization code remembers the refresh-token family its one successful exchange began,
--    so that a second use (OAuth 2.1 §4.1.3, RFC 6749 §4.1.2) can revoke what the first one issued:
--    the family's access tokens (api_keys rows, via oauth2_access_tokens.family_id) and its
--    refresh tokens. Set by the exchange in the UPDATE that marks the code used.
ALTER TABLE oauth2_codes ADD COLUMN family_id uuid;

-- 2. When a refresh token was revoked, so that the purge job can delete revoked rows once they are
--    older than its retention. Rows revoked before this migration count as revoked when they were
--    rotated or, never rotated, when they were created: they are inert either way.
ALTER TABLE oauth2_refresh_tokens ADD COLUMN revoked_at timestamptz;
UPDATE oauth2_refresh_tokens SET revoked_at = COALESCE(rotated_at, created_at) WHERE revoked;

-- 3. The purge job's batches ("oldest first, at most N") read these.
CREATE INDEX idx_oauth2_codes_expires ON oauth2_codes (expires_at);
CREATE INDEX idx_oauth2_device_codes_expires ON oauth2_device_codes (expires_at);
CREATE INDEX idx_oauth2_refresh_expires ON oauth2_refresh_tokens (expires_at);
CREATE INDEX idx_oauth2_refresh_revoked ON oauth2_refresh_tokens (revoked_at) WHERE revoked;
