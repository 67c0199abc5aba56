-- Sign-in through an identity provider (issue 12, reference §A.9): one link per user and login
-- type between a tokend user and the IdP identity, with the IdP's tokens for refresh during
-- validation (§B).
--
-- oauth_access_token / oauth_refresh_token hold the token as the IdP issued it when the
-- *_key_id column is NULL, else "base64(nonce || AES-GCM ciphertext)" under the key with that id
-- (docs/sso.md "Tokens at rest"; tokend has no dbcrypt_keys table, so the id is not a foreign key).
-- oauth_expiry '0001-01-01 00:00:00+00' is the zero time: the access token never expires.
CREATE TABLE user_links (
    user_id                    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    login_type                 login_type  NOT NULL,
    linked_id                  text        NOT NULL DEFAULT '',
    oauth_access_token         text        NOT NULL DEFAULT '',
    oauth_access_token_key_id  text,
    oauth_refresh_token        text        NOT NULL DEFAULT '',
    oauth_refresh_token_key_id text,
    oauth_expiry               timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00',
    claims                     jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (user_id, login_type)
);
CREATE UNIQUE INDEX idx_user_links_linked_id ON user_links (linked_id, login_type) WHERE linked_id <> '';

-- A deleted user has no links: refuse new ones, and drop the existing ones on soft delete.
CREATE FUNCTION refuse_user_link_for_deleted_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND deleted) THEN
        RAISE EXCEPTION 'Cannot create user_link for deleted user';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER trigger_user_links_deleted_user
    BEFORE INSERT OR UPDATE ON user_links
    FOR EACH ROW EXECUTE FUNCTION refuse_user_link_for_deleted_user();

CREATE FUNCTION delete_user_links_of_deleted_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.deleted AND NOT OLD.deleted THEN
        DELETE FROM user_links WHERE user_id = NEW.id;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER trigger_delete_user_links_of_deleted_user
    AFTER UPDATE OF deleted ON users
    FOR EACH ROW EXECUTE FUNCTION delete_user_links_of_deleted_user();
