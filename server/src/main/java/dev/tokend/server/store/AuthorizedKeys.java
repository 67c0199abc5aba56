package dev.tokend.server.store;

import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.db.ApiKeyRow;

import dev.tokend.server.error.ApiError;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.store.Authz;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The authorizing way to API keys (like the reference's dbauthz): every read is checked against the
 * subject before it is returned, and a key the subject may not read is indistinguishable from a
 * missing one (404). Listings return only what the subject may read. Handlers get keys from here,
 * never from {@link ApiKeyDao} directly.
 */
public final class AuthorizedKeys {
    private final Jdbi jdbi;
    private final Authz authz;

    public AuthorizedKeys(Jdbi jdbi, Authz authz) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
    }

    /** The key with public id {@code id}; 404 if there is none or the subject may not read it. */
    public ApiKeyRow byId(Subject subject, String id) {
        return readable(subject, jdbi.withExtension(ApiKeyDao.class, dao -> dao.getApiKeyById(id))
                .orElseThrow(ApiError::notFound));
    }

    /** The named key of {@code owner}; 404 if there is none or the subject may not read it. */
    public ApiKeyRow byName(Subject subject, UUID owner, String name) {
        return readable(subject, jdbi.withExtension(ApiKeyDao.class, dao -> dao.getApiKeyByName(owner, name))
                .orElseThrow(ApiError::notFound));
    }

    /**
     * Named tokens with their owners' usernames: of {@code owner}, or of every user when
     * {@code owner} is null and the subject may read everyone's keys (else silently only the
     * subject's own). Expiry is filtered in SQL; permission on each row here.
     */
    public List<ApiKeyDao.WithUsername> tokens(Subject subject, UUID owner, boolean includeExpired, Instant now) {
        boolean everyone = owner == null && authz.can(subject, Action.READ, RbacObject.apiKey("", null));
        UUID of = owner != null ? owner : subject.userId();
        List<ApiKeyDao.WithUsername> rows = jdbi.withExtension(ApiKeyDao.class, dao -> everyone
                ? (includeExpired ? dao.listAllTokens() : dao.listLiveTokens(now))
                : (includeExpired ? dao.listAllTokensOfUser(of) : dao.listLiveTokensOfUser(of, now)));
        return rows.stream()
                .filter(r -> authz.can(subject, Action.READ, RbacObject.apiKey(r.key().id(), r.key().userId())))
                .toList();
    }

    /** Whether the subject may perform {@code action} on {@code key} (for writes after a read). */
    public boolean can(Subject subject, Action action, ApiKeyRow key) {
        return authz.can(subject, action, RbacObject.apiKey(key.id(), key.userId()));
    }

    private ApiKeyRow readable(Subject subject, ApiKeyRow key) {
        authz.requireRead(subject, RbacObject.apiKey(key.id(), key.userId()));
        return key;
    }
}
