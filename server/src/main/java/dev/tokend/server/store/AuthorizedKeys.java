package dev.tokend.server.store;

import dev.tokend.sdk.model.ValidationError;
import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.audit.Diffs;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.KeyEvents;
import dev.tokend.server.auth.Principal;
import dev.tokend.server.auth.TokenKind;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.rbac.AllowList;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.Scopes;
import dev.tokend.server.rbac.Subject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The authorizing way to API keys (like the reference's dbauthz), for reads and writes alike. Every
 * method takes the {@link Actor}; a key the actor may not read is indistinguishable from a missing
 * one (404); a write is authorized, made and audited in one transaction, and a refused write is
 * audited with its status. Handlers reach keys only through here and {@link ApiKeyMinter}.
 */
public final class AuthorizedKeys {
    // NOTE: stable wire strings (reference §2.2; tokend decisions in docs/tokens.md).
    public static final String CREATE_FAILED = "Failed to create API key.";
    public static final String CREATE_LIFETIME = "Failed to validate create API key request.";
    public static final String UPDATE_FAILED = "Failed to update API key.";
    public static final String EXPIRED_IS_FINAL = "The API key has expired and cannot be updated. Create a new one.";

    private final Jdbi jdbi;
    private final Authz authz;
    private final Auditor auditor;
    private final ApiKeyMinter minter;
    private final LifetimePolicy lifetimes;
    private final InstantSource clock;
    private final SecureRandom rng;
    private final Duration cliKeyLifetime;
    private final KeyEvents events;

    AuthorizedKeys(Jdbi jdbi, Authz authz, Auditor auditor, ApiKeyMinter minter, LifetimePolicy lifetimes,
            InstantSource clock, SecureRandom rng, Duration cliKeyLifetime, KeyEvents events) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
        this.auditor = Objects.requireNonNull(auditor);
        this.minter = Objects.requireNonNull(minter);
        this.lifetimes = Objects.requireNonNull(lifetimes);
        this.clock = Objects.requireNonNull(clock);
        this.rng = Objects.requireNonNull(rng);
        this.cliKeyLifetime = Objects.requireNonNull(cliKeyLifetime);
        this.events = Objects.requireNonNull(events);
    }

    // ---- reads ----------------------------------------------------------------------------------

    /** The key with public id {@code id}; 404 if there is none or the actor may not read it. */
    public ApiKeyRow byId(Actor actor, String id) {
        return readable(actor, jdbi.withExtension(ApiKeyDao.class, dao -> dao.getApiKeyById(id))
                .orElseThrow(ApiError::notFound));
    }

    /** The named key of {@code owner}; 404 if there is none or the actor may not read it. */
    public ApiKeyRow byName(Actor actor, UUID owner, String name) {
        return readable(actor, jdbi.withExtension(ApiKeyDao.class, dao -> dao.getApiKeyByName(owner, name))
                .orElseThrow(ApiError::notFound));
    }

    /**
     * Named tokens with their owners' usernames: of {@code owner}, or of every user when
     * {@code owner} is null and the actor may read everyone's keys (else silently only the actor's
     * own). Expiry is filtered in SQL; permission on each row here.
     */
    public List<ApiKeyDao.WithUsername> tokens(Actor actor, UUID owner, boolean includeExpired) {
        Subject subject = subject(actor);
        Instant now = clock.instant();
        boolean everyone = owner == null && authz.can(subject, Action.READ, RbacObject.apiKey("", null));
        UUID of = owner != null ? owner : subject.userId();
        List<ApiKeyDao.WithUsername> rows = jdbi.withExtension(ApiKeyDao.class, dao -> everyone
                ? (includeExpired ? dao.listAllTokens() : dao.listLiveTokens(now))
                : (includeExpired ? dao.listAllTokensOfUser(of) : dao.listLiveTokensOfUser(of, now)));
        return rows.stream()
                .filter(r -> authz.can(subject, Action.READ, RbacObject.apiKey(r.key().id(), r.key().userId())))
                .toList();
    }

    /** The longest lifetime a named token of {@code owner} may have. */
    public Duration maxLifetime(UserRow owner) {
        return lifetimes.maxFor(owner);
    }

    // ---- mints ----------------------------------------------------------------------------------

    /** What {@code POST /users/{user}/keys/tokens} asks for, already parsed; null lifetime = default. */
    public record TokenRequest(String name, Long lifetimeNanos, List<String> scopes, List<String> allowList) {
        public TokenRequest {
            scopes = List.copyOf(scopes);
            allowList = List.copyOf(allowList);
        }
    }

    /** Creates a named token of {@code owner} on the strength of the caller's key (never beyond it). */
    public ApiKeyMinter.Minted createToken(Actor actor, UserRow owner, TokenRequest request) {
        Duration lifetime = refusedIsAudited(actor, owner, request.name(),
                () -> lifetimes.resolve(request.lifetimeNanos(), owner, CREATE_LIFETIME));
        String name = request.name() == null || request.name().isBlank()
                ? jdbi.withExtension(ApiKeyDao.class,
                        dao -> TokenNames.unique(rng, n -> dao.tokenNameTaken(owner.id(), n)))
                : request.name();
        try {
            return minter.mint(actor, new ApiKeyMinter.Spec(owner, ApiKeyMinter.Authority.CALLER_KEY, "token",
                    TokenKind.API_TOKEN, lifetime, false, name, request.scopes(), request.allowList(), "create"));
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolation.is(e)) {
                throw ApiError.of(409, "A token with name \"" + name + "\" already exists.", null,
                        List.of(new ValidationError("name", "This value is already in use and should be unique.")));
            }
            throw e;
        }
    }

    /**
     * A CLI session key of {@code owner} ({@code POST /users/{user}/keys}, {@code /cli-auth}): every
     * scope the caller's key has, the default token lifetime, never sliding (tokend decision).
     */
    public ApiKeyMinter.Minted createCliKey(Actor actor, UserRow owner) {
        return minter.mint(actor, new ApiKeyMinter.Spec(owner, ApiKeyMinter.Authority.CALLER_KEY, "password",
                TokenKind.SESSION, cliKeyLifetime, false, "", ApiKeyMinter.ALL_SCOPES, ApiKeyMinter.ALLOW_ALL,
                "create"));
    }

    // ---- writes ---------------------------------------------------------------------------------

    /** What a PATCH changes; null fields stay as they are. */
    public record TokenUpdate(List<String> scopes, List<String> allowList, Long lifetimeNanos) {}

    /**
     * PATCH of the named token {@code name} of {@code owner}: narrows or re-sets scopes, allow list
     * and lifetime ({@code expires_at = now + lifetime}), never beyond the calling key. Expiry is
     * final: an expired token (by time or by expire) is refused with 400 and left unchanged; the row
     * is locked, so a concurrent expire either comes first (and this sees it) or after.
     */
    public ApiKeyRow updateToken(Actor actor, UserRow owner, String name, TokenUpdate update) {
        Principal caller = actor.principal().orElseThrow(ApiError::forbidden);
        AuditEntry audit = auditor.begin(actor, "api_key", "write").resource(owner.id(), name);
        ApiKeyRow updated = auditor.attempt(audit, () -> jdbi.inTransaction(h -> {
            ApiKeyDao dao = h.attach(ApiKeyDao.class);
            ApiKeyRow key = dao.lockApiKeyByName(owner.id(), name)
                    .filter(k -> authz.can(caller.subject(), Action.READ, RbacObject.apiKey(k.id(), k.userId())))
                    .orElseThrow(ApiError::notFound);
            audit.resource(key.userId(), key.tokenName());
            authz.require(caller.subject(), Action.UPDATE, RbacObject.apiKey(key.id(), key.userId()));
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (key.expiresAt().isBefore(now)) {
                throw ApiError.badRequest(UPDATE_FAILED, EXPIRED_IS_FINAL);
            }
            List<String> scopes = update.scopes() == null ? key.scopes() : update.scopes();
            List<String> allowList = update.allowList() == null ? key.allowList() : update.allowList();
            Instant expiresAt = key.expiresAt();
            long lifetimeSeconds = key.lifetimeSeconds();
            if (update.lifetimeNanos() != null) {
                Duration lifetime = lifetimes.resolve(update.lifetimeNanos(), owner, UPDATE_FAILED);
                expiresAt = now.plus(lifetime);
                lifetimeSeconds = lifetime.toSeconds();
            }
            if (!Scopes.covers(caller.key().scopes(), scopes)
                    || !AllowList.covers(caller.key().allowList(), allowList)) {
                throw ApiError.of(403, ApiError.FORBIDDEN, ApiKeyMinter.ESCALATION);
            }
            dao.updateToken(key.id(), scopes.toArray(String[]::new), allowList.toArray(String[]::new), expiresAt,
                    lifetimeSeconds, now);
            ApiKeyRow after = dao.getApiKeyById(key.id()).orElseThrow(ApiError::notFound);
            auditor.write(h, audit.diff(Diffs.apiKeyUpdate(key, after)).additionalFields(Diffs.apiKeyFields(after)),
                    200);
            return after;
        }));
        events.keyChanged(updated.id()); // committed: this replica's next request must see it
        return updated;
    }

    /** Stops the key now and keeps the row; idempotent. 404 when unreadable or not updatable. */
    public void expire(Actor actor, String id) {
        Subject subject = subject(actor);
        AuditEntry audit = auditor.begin(actor, "api_key", "write");
        auditor.attempt(audit, () -> jdbi.useTransaction(h -> {
            ApiKeyDao dao = h.attach(ApiKeyDao.class);
            ApiKeyRow key = lockForWrite(dao, subject, id, Action.UPDATE, audit);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            dao.expireApiKey(key.id(), now);
            ApiKeyRow expired = dao.getApiKeyById(key.id()).orElseThrow(ApiError::notFound);
            auditor.write(h, audit.diff(Diffs.apiKey(key, expired)).additionalFields(Diffs.apiKeyFields(expired)),
                    204);
        }));
        events.keyChanged(id);
    }

    /**
     * Deletes the key. Of concurrent deletes of one key exactly one succeeds and writes the audit
     * row; the others find no row (the DELETE's count decides, under the row lock) and get 404.
     */
    public void delete(Actor actor, String id) {
        Subject subject = subject(actor);
        AuditEntry audit = auditor.begin(actor, "api_key", "delete");
        auditor.attempt(audit, () -> jdbi.useTransaction(h -> {
            ApiKeyDao dao = h.attach(ApiKeyDao.class);
            ApiKeyRow key = lockForWrite(dao, subject, id, Action.DELETE, audit);
            if (dao.deleteApiKey(key.id()) != 1) {
                throw ApiError.notFound();
            }
            auditor.write(h, audit.diff(Diffs.apiKey(key, null)).additionalFields(Diffs.apiKeyFields(key)), 204);
        }));
        events.keyDeleted(id);
    }

    /**
     * The caller's own live sign-in sessions and CLI keys (not named tokens), for the Account page;
     * only the rows the caller may read.
     */
    public List<ApiKeyRow> sessions(Actor actor) {
        Principal p = actor.principal().orElseThrow(ApiError::notFound);
        Instant now = clock.instant();
        return jdbi.withExtension(ApiKeyDao.class, dao -> dao.listLiveSessionsOfUser(p.user().id(), now)).stream()
                .filter(k -> authz.can(p.subject(), Action.READ, RbacObject.apiKey(k.id(), k.userId())))
                .toList();
    }

    /**
     * Signs the caller out everywhere else: deletes each of their other sessions and CLI keys
     * (never the key of this request) that they may delete, each audited as a {@code delete} of
     * that key, in one transaction. Returns how many were deleted.
     */
    public int deleteOtherSessions(Actor actor) {
        Principal p = actor.principal().orElseThrow(ApiError::notFound);
        authz.require(p.subject(), Action.DELETE, RbacObject.apiKey("", p.user().id()));
        Instant now = clock.instant();
        List<String> gone = new java.util.ArrayList<>();
        int count = jdbi.inTransaction(h -> {
            ApiKeyDao dao = h.attach(ApiKeyDao.class);
            int deleted = 0;
            for (ApiKeyRow key : dao.listLiveSessionsOfUser(p.user().id(), now)) {
                if (key.id().equals(p.key().id())
                        || !authz.can(p.subject(), Action.DELETE, RbacObject.apiKey(key.id(), key.userId()))) {
                    continue;
                }
                if (dao.deleteApiKey(key.id()) == 1) {
                    deleted++;
                    gone.add(key.id());
                    auditor.write(h, auditor.begin(actor, "api_key", "delete").resource(key.userId(), key.tokenName())
                            .diff(Diffs.apiKey(key, null)).additionalFields(Diffs.apiKeyFields(key)), 204);
                }
            }
            return deleted;
        });
        gone.forEach(events::keyDeleted); // committed: this replica's next request must see it
        return count;
    }

    /** Logout: deletes the key the request used and the user's app-connect keys, audited as {@code logout}. */
    public void logout(Actor actor) {
        Principal p = actor.principal().orElseThrow(ApiError::forbidden);
        jdbi.useTransaction(h -> {
            ApiKeyDao dao = h.attach(ApiKeyDao.class);
            dao.deleteApiKey(p.key().id());
            dao.deleteApplicationConnectKeysOfUser(p.user().id());
            auditor.write(h, auditor.begin(actor, "api_key", "logout").resource(p.user().id(), p.key().tokenName())
                    .diff(Diffs.apiKey(p.key(), null)).additionalFields(Diffs.apiKeyFields(p.key())), 200);
        });
        events.keyDeleted(p.key().id());
        events.userChanged(p.user().id()); // the app-connect keys deleted with it
    }

    /**
     * Locks key {@code id} for a write by {@code subject}: 404 when it is missing, unreadable or not
     * writable with {@code action} (existence is never revealed); names the audit row's target.
     */
    private ApiKeyRow lockForWrite(ApiKeyDao dao, Subject subject, String id, Action action, AuditEntry audit) {
        ApiKeyRow key = dao.lockApiKeyById(id)
                .filter(k -> authz.can(subject, Action.READ, RbacObject.apiKey(k.id(), k.userId())))
                .orElseThrow(ApiError::notFound);
        audit.resource(key.userId(), key.tokenName());
        if (!authz.can(subject, action, RbacObject.apiKey(key.id(), key.userId()))) {
            throw ApiError.notFound();
        }
        return key;
    }

    private <T> T refusedIsAudited(Actor actor, UserRow owner, String name, java.util.function.Supplier<T> check) {
        return auditor.attempt(auditor.begin(actor, "api_key", "create").resource(owner.id(), name), check);
    }

    private Subject subject(Actor actor) {
        return actor.subject().orElseThrow(ApiError::notFound);
    }

    private ApiKeyRow readable(Actor actor, ApiKeyRow key) {
        authz.requireRead(subject(actor), RbacObject.apiKey(key.id(), key.userId()));
        return key;
    }
}
