package dev.tokend.server.store;

import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.audit.Diffs;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.ApiKeyValidator;
import dev.tokend.server.auth.GeneratedToken;
import dev.tokend.server.auth.KeyEvents;
import dev.tokend.server.auth.Principal;
import dev.tokend.server.auth.TokenFormat;
import dev.tokend.server.auth.TokenKind;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.UserDao;
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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The one minting path: the only code that inserts into {@code api_keys}. Every kind of key comes
 * through {@link #mint}: password sessions, CLI keys ({@code POST /users/{user}/keys} and
 * {@code /cli-auth}), named tokens, and the OAuth2 and IdP logins that build on it. In one
 * transaction it
 * <ol>
 *   <li>takes share locks on the key's owner and the acting user, so a password change (which locks
 *       the user row for update and deletes every key) is either before the mint and seen by it, or
 *       after it and sweeps the new key away;</li>
 *   <li>for a mint on the strength of an API key, re-checks that key still exists and that the new
 *       key's effective permissions (roles ∩ scopes ∩ allow list) stay within the caller's: scopes
 *       and allow list covered by the caller's, and for another user's key, the owner's roles within
 *       the caller's (403 otherwise);</li>
 *   <li>inserts the row (the secret's SHA-256 only) and writes its audit row.</li>
 * </ol>
 * A refused mint is audited with its status in a transaction of its own.
 */
public final class ApiKeyMinter {
    public static final List<String> ALL_SCOPES = List.of("coder:all");
    public static final List<String> ALLOW_ALL = List.of("*:*");

    // NOTE: stable wire string (docs/tokens.md).
    static final String ESCALATION = "The requested scopes or allow list exceed what the API key making this "
            + "request may do.";

    /** On whose authority a key is minted. */
    public enum Authority {
        /** The caller's API key: the new key can never do more than it (the escalation rule). */
        CALLER_KEY,
        /** Credentials just proven for the owner (password, IdP login): a full session of that user. */
        CREDENTIALS,
        /** A grant the owner gave a client earlier (OAuth2); capped by the grant's negotiated scopes. */
        GRANT
    }

    /**
     * What to mint. {@code auditAction} is the audit log's action for the mint ({@code create},
     * {@code login}, {@code register}).
     */
    public record Spec(UserRow owner, Authority authority, String loginType, TokenKind kind, Duration lifetime,
            boolean slidingExpiry, String tokenName, List<String> scopes, List<String> allowList,
            String auditAction, String audience) {
        public Spec {
            audience = audience == null ? "" : audience;
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(loginType, "loginType");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(lifetime, "lifetime");
            tokenName = tokenName == null ? "" : tokenName;
            scopes = List.copyOf(scopes);
            allowList = List.copyOf(allowList);
            auditAction = auditAction == null ? "create" : auditAction;
        }

        /** A key without an audience (everything but resource-bound OAuth2 access tokens). */
        public Spec(UserRow owner, Authority authority, String loginType, TokenKind kind, Duration lifetime,
                boolean slidingExpiry, String tokenName, List<String> scopes, List<String> allowList,
                String auditAction) {
            this(owner, authority, loginType, kind, lifetime, slidingExpiry, tokenName, scopes, allowList,
                    auditAction, "");
        }

        /** A full session key of {@code owner} (every scope, no allow list). */
        public static Spec session(UserRow owner, Authority authority, String loginType, Duration lifetime,
                boolean sliding, String auditAction) {
            return new Spec(owner, authority, loginType, TokenKind.SESSION, lifetime, sliding, "", ALL_SCOPES,
                    ALLOW_ALL, auditAction);
        }
    }

    /** The stored row and the plaintext token (to be shown once). {@link #toString()} hides the token. */
    public record Minted(ApiKeyRow row, String token) {
        @Override
        public String toString() {
            return "Minted[" + row + "]";
        }
    }

    private final Jdbi jdbi;
    private final Auditor auditor;
    private final Authz authz;
    private final SecureRandom rng;
    private final InstantSource clock;
    private final KeyEvents events;

    ApiKeyMinter(Jdbi jdbi, Auditor auditor, Authz authz, SecureRandom rng, InstantSource clock, KeyEvents events) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.authz = Objects.requireNonNull(authz, "authz");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Mints in a transaction of its own. */
    public Minted mint(Actor actor, Spec spec) {
        return mint(actor, spec, h -> { });
    }

    /**
     * Mints, running {@code alsoInTransaction} in the same transaction before the key is inserted
     * (for callers whose own change must commit with the key, e.g. consuming an OAuth2 code). An
     * {@link ApiError} thrown anywhere refuses the mint and is audited.
     */
    public Minted mint(Actor actor, Spec spec, Consumer<Handle> alsoInTransaction) {
        return mint(actor, spec, alsoInTransaction, (h, minted) -> { });
    }

    /**
     * Like {@link #mint(Actor, Spec, Consumer)}, also running {@code afterInsert} in the same
     * transaction once the key row exists (for rows that reference the new key, e.g. an OAuth2
     * refresh token).
     */
    public Minted mint(Actor actor, Spec spec, Consumer<Handle> alsoInTransaction,
            java.util.function.BiConsumer<Handle, Minted> afterInsert) {
        AuditEntry audit = auditor.begin(actor, "api_key", spec.auditAction())
                .resource(spec.owner().id(), spec.tokenName());
        if (spec.authority() != Authority.CALLER_KEY) {
            // CREDENTIALS: the user who just proved who they are; GRANT: the user who consented.
            audit.actor(spec.owner().id());
        }
        Minted minted = auditor.attempt(audit, () -> {
            authorize(actor, spec);
            return jdbi.inTransaction(h -> {
                lockOwners(h, actor, spec);
                alsoInTransaction.accept(h);
                Minted m = insert(h.attach(ApiKeyDao.class), actor, spec);
                afterInsert.accept(h, m);
                auditor.write(h, audit.diff(Diffs.apiKey(null, m.row()))
                        .additionalFields(Diffs.apiKeyFields(m.row())), 201);
                return m;
            });
        });
        events.keyCreated(minted.row().id());
        return minted;
    }

    /** Checks that need no lock: who may create the key, and the escalation rule. */
    private void authorize(Actor actor, Spec spec) {
        if (spec.owner().isSystem()) {
            throw ApiError.forbidden(); // system users never receive keys
        }
        if (!UserRow.ACTIVE.equals(spec.owner().status()) && spec.authority() != Authority.CREDENTIALS) {
            throw ApiError.forbidden();
        }
        if (spec.authority() != Authority.CALLER_KEY) {
            return;
        }
        Principal caller = actor.principal().orElseThrow(ApiError::forbidden);
        authz.require(caller.subject(), Action.CREATE, RbacObject.apiKey("", spec.owner().id()));
        ApiKeyRow key = caller.key();
        if (!Scopes.covers(key.scopes(), spec.scopes()) || !AllowList.covers(key.allowList(), spec.allowList())) {
            throw ApiError.of(403, ApiError.FORBIDDEN, ESCALATION);
        }
        if (!spec.owner().id().equals(caller.user().id()) && !rolesWithin(spec.owner(), caller.subject())) {
            throw ApiError.of(403, ApiError.FORBIDDEN, ESCALATION);
        }
    }

    /** A key for another user may not carry roles the caller lacks (site roles; org roles are checked per org). */
    private static boolean rolesWithin(UserRow owner, Subject caller) {
        Set<String> callerRoles = new HashSet<>(caller.siteRoles());
        return callerRoles.containsAll(owner.rbacRoles());
    }

    /**
     * Share locks on the owner and the acting user (id order, so two mints never deadlock), then the
     * re-check that the calling key survived any password change that committed while we waited.
     */
    private void lockOwners(Handle h, Actor actor, Spec spec) {
        Set<UUID> ids = new HashSet<>();
        ids.add(spec.owner().id());
        actor.principal().ifPresent(p -> ids.add(p.user().id()));
        UUID[] sorted = ids.stream().sorted().toArray(UUID[]::new);
        List<UUID> locked = h.attach(UserDao.class).lockUsersForShare(sorted);
        if (!locked.contains(spec.owner().id())) {
            throw ApiError.notFound(); // the owner was deleted meanwhile
        }
        if (spec.authority() == Authority.CALLER_KEY) {
            String callerKey = actor.principal().orElseThrow().key().id();
            if (!h.attach(ApiKeyDao.class).apiKeyIsLive(callerKey, clock.instant())) {
                throw ApiError.of(401, ApiKeyValidator.SIGNED_OUT, ApiKeyValidator.UNKNOWN_DETAIL);
            }
        }
    }

    private Minted insert(ApiKeyDao dao, Actor actor, Spec spec) {
        GeneratedToken generated = TokenFormat.generate(spec.kind(), rng);
        // PostgreSQL keeps microseconds: mint with the precision the row will have.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = now.plus(spec.lifetime());
        long lifetimeSeconds = spec.lifetime().toSeconds();
        String ip = actor.ipText();
        dao.insertApiKey(generated.id(), generated.hashedSecret(), spec.owner().id(), now, expiresAt,
                spec.loginType(), lifetimeSeconds, ip, spec.tokenName(), spec.scopes().toArray(String[]::new),
                spec.allowList().toArray(String[]::new), spec.slidingExpiry(), spec.audience());
        ApiKeyRow row = new ApiKeyRow(generated.id(), generated.hashedSecret(), spec.owner().id(), Instant.EPOCH,
                expiresAt, now, now, spec.loginType(), lifetimeSeconds <= 0 ? 86400 : lifetimeSeconds, ip,
                spec.tokenName(), spec.scopes(), spec.allowList(), spec.slidingExpiry(), spec.audience());
        return new Minted(row, generated.token());
    }
}
