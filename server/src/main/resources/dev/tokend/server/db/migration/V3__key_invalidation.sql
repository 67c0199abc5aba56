-- Issue 10: revocation that the validation cache cannot outrun, on every replica.
-- Every change that can make a cached key or its principal stale sends a notification on the
-- channel tokend_auth; PostgreSQL delivers it on commit (and not at all on rollback), in commit
-- order, to every tokend process listening. Payloads: 'k:<key id>' (a key changed), 'd:<key id>'
-- (a key was deleted), 'n:<key id>' (a key was created: the known-id filter learns it), 'f:' (many
-- keys at once: flush and reload), 'u:<user id>' (the user, their
-- roles, status, password or memberships changed: every key of theirs is evicted).
--
-- Usage bookkeeping (last_used, ip_address) and an expiry that only moves later (sliding, or a PATCH
-- that lengthens it) need no notification: a replica holding an older, earlier expiry re-reads the
-- row before it refuses a key as expired, so a stale entry can only be more cautious, never less.

-- Inserts and deletes are announced per statement (transition tables): one notification per key
-- for ordinary statements, and a single 'f:' (flush the cache and reload the known ids) for bulk
-- statements, so that a purge batch or a bulk import does not flood the channel.
CREATE FUNCTION tokend_notify_api_keys_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT count(*) FROM inserted) > 1000 THEN
        PERFORM pg_notify('tokend_auth', 'f:');
    ELSE
        PERFORM pg_notify('tokend_auth', 'n:' || id) FROM inserted;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION tokend_notify_api_keys_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT count(*) FROM deleted) > 1000 THEN
        PERFORM pg_notify('tokend_auth', 'f:');
    ELSE
        PERFORM pg_notify('tokend_auth', 'd:' || id) FROM deleted;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION tokend_notify_api_keys_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.expires_at < OLD.expires_at
        OR NEW.scopes IS DISTINCT FROM OLD.scopes
        OR NEW.allow_list IS DISTINCT FROM OLD.allow_list
        OR NEW.user_id IS DISTINCT FROM OLD.user_id
        OR NEW.login_type IS DISTINCT FROM OLD.login_type
        OR NEW.hashed_secret IS DISTINCT FROM OLD.hashed_secret
        OR NEW.token_name IS DISTINCT FROM OLD.token_name
        OR NEW.lifetime_seconds IS DISTINCT FROM OLD.lifetime_seconds
        OR NEW.sliding_expiry IS DISTINCT FROM OLD.sliding_expiry THEN
        PERFORM pg_notify('tokend_auth', 'k:' || NEW.id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER api_keys_notify_insert AFTER INSERT ON api_keys
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION tokend_notify_api_keys_inserted();
CREATE TRIGGER api_keys_notify_delete AFTER DELETE ON api_keys
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION tokend_notify_api_keys_deleted();
CREATE TRIGGER api_keys_notify_update AFTER UPDATE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION tokend_notify_api_keys_updated();

-- Users: anything but the bookkeeping columns (last_seen_at, updated_at) changes what a principal
-- carries (status, roles, profile shown by /users/me, password, deletion).
CREATE FUNCTION tokend_notify_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('tokend_auth', 'u:' || OLD.id);
    ELSIF (to_jsonb(NEW) - 'last_seen_at' - 'updated_at') IS DISTINCT FROM
          (to_jsonb(OLD) - 'last_seen_at' - 'updated_at') THEN
        PERFORM pg_notify('tokend_auth', 'u:' || NEW.id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER users_notify AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION tokend_notify_users();

CREATE FUNCTION tokend_notify_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('tokend_auth', 'u:' || OLD.user_id);
    ELSE
        PERFORM pg_notify('tokend_auth', 'u:' || NEW.user_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER organization_members_notify AFTER INSERT OR UPDATE OR DELETE ON organization_members
    FOR EACH ROW EXECUTE FUNCTION tokend_notify_memberships();
