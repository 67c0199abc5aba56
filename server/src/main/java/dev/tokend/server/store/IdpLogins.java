package dev.tokend.server.store;

import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserLinkDao;
import dev.tokend.server.db.UserLinkRow;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.error.PageError;
import dev.tokend.server.idp.ConvertTokens;
import dev.tokend.server.idp.IdpTokens;
import dev.tokend.server.idp.TokenCipher;
import dev.tokend.server.rbac.Roles;
import dev.tokend.server.user.Usernames;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Sign-in through an identity provider once the provider has vouched for the identity (reference
 * §A.8–A.10, §C.3 step 6): account resolution, the signup gate, the login-type rule, user creation
 * with a free username, the user's email/name/avatar and the {@code user_links} row, in one
 * transaction; then a sliding session through the one minting path, audited {@code login} or
 * {@code register}. tokend decisions: a suspended user is refused here with the password login's
 * message, and every refusal is audited like a failed password login.
 */
public final class IdpLogins {
    /** Username alternatives tried for a taken name (§A.7). */
    private static final int USERNAME_TRIES = 10;

    /** Per login type: whether unknown users may be created, and the text of the page that says no. */
    public record SignupPolicy(boolean allowSignups, String signupsDisabledText) {}

    /**
     * The identity the IdP vouched for. {@code usernameCandidate} is derived only for new users;
     * {@code claimsJson} is stored in the link; {@code githubComUserId} is 0 unless the user signed in at github.com.
     */
    public record Identity(String loginType, String linkedId, String email, String usernameCandidate, String name,
            String avatarUrl, IdpTokens tokens, String claimsJson, long githubComUserId) {
        public Identity {
            Objects.requireNonNull(loginType, "loginType");
            Objects.requireNonNull(linkedId, "linkedId");
            Objects.requireNonNull(email, "email");
            usernameCandidate = usernameCandidate == null ? "" : usernameCandidate;
            name = name == null ? "" : name;
            avatarUrl = avatarUrl == null ? "" : avatarUrl;
            Objects.requireNonNull(tokens, "tokens");
            claimsJson = claimsJson == null ? "{}" : claimsJson;
        }
    }

    private final Jdbi jdbi;
    private final Auditor auditor;
    private final ApiKeyMinter minter;
    private final AuthorizedUsers users;
    private final TokenCipher cipher;
    private final PasswordLogins passwords;
    private final Authz authz;
    private final InstantSource clock;
    private final RandomGenerator rng;
    private final Duration sessionDuration;

    /** Built by the composition root next to {@link Stores}, sharing its minter and users. */
    public static IdpLogins create(Jdbi jdbi, Stores stores, TokenCipher cipher, InstantSource clock,
            RandomGenerator rng, Duration sessionDuration) {
        return new IdpLogins(jdbi, new Auditor(jdbi, clock), stores.authz(), stores.minter(), stores.users(), stores.logins(), cipher,
                clock, rng, sessionDuration);
    }

    IdpLogins(Jdbi jdbi, Auditor auditor, Authz authz, ApiKeyMinter minter, AuthorizedUsers users, PasswordLogins passwords,
            TokenCipher cipher, InstantSource clock, RandomGenerator rng, Duration sessionDuration) {
        this.passwords = Objects.requireNonNull(passwords);
        this.authz = Objects.requireNonNull(authz);
        this.jdbi = Objects.requireNonNull(jdbi);
        this.auditor = Objects.requireNonNull(auditor);
        this.minter = Objects.requireNonNull(minter);
        this.users = Objects.requireNonNull(users);
        this.cipher = Objects.requireNonNull(cipher);
        this.clock = Objects.requireNonNull(clock);
        this.rng = Objects.requireNonNull(rng);
        this.sessionDuration = Objects.requireNonNull(sessionDuration);
    }

    /** Signs in (or registers) the identity; the minted session is returned once. */
    public ApiKeyMinter.Minted signIn(Actor actor, Identity identity, SignupPolicy policy) {
        return signIn(actor, identity, policy, Optional.empty());
    }

    /**
     * Starts a login-type conversion (reference §D.3): the caller proves the password of
     * {@code target} (who must be the caller) exactly as at password sign-in; audited as
     * {@code convert_login}/{@code create}. The caller then signs in at the IdP with the state.
     */
    public ConvertTokens.Conversion startConversion(Actor actor, UserRow target, String toType, String password) {
        AuditEntry audit = auditor.begin(actor, "convert_login", "create").resource(target.id(), toType);
        return auditor.attempt(audit, () -> {
            var caller = actor.principal().orElseThrow(ApiError::forbidden);
            if (!authz.can(caller.subject(), dev.tokend.server.rbac.Action.UPDATE_PERSONAL,
                    dev.tokend.server.rbac.RbacObject.user(target.id()))) {
                throw ApiError.notFound();
            }
            if (!caller.user().id().equals(target.id())) {
                throw ApiError.forbidden(); // one converts only oneself: the password proves it
            }
            UserRow user = passwords.verify(actor, target.email(), password, audit);
            String state = "convert-" + randomAlphanumeric(32);
            ConvertTokens.Conversion c = new ConvertTokens.Conversion(state, user.id(), user.loginType(), toType,
                    clock.instant().plus(ConvertTokens.LIFETIME));
            jdbi.useTransaction(h -> auditor.write(h, audit, 201));
            return c;
        });
    }

    /** Signs in, converting the user's login type first when {@code conversion} is present (§D.3). */
    public ApiKeyMinter.Minted signIn(Actor actor, Identity identity, SignupPolicy policy,
            Optional<ConvertTokens.Conversion> conversion) {
        AuditEntry audit = auditor.begin(actor, "api_key", "login")
                .additionalFields(Map.of("login_type", identity.loginType()));
        Resolved resolved;
        try {
            resolved = auditor.attempt(audit, () -> resolve(actor, identity, policy, conversion, audit));
        } catch (PageError e) {
            auditor.writeFailure(audit, e.status()); // refusals rendered as pages are audited too
            throw e;
        }
        UserRow user = resolved.user();
        if (UserRow.DORMANT.equals(user.status())) {
            // The one dormant→active path, audited as the system's change, after the login's transaction.
            users.activateIfDormant(actor.requestId(), actor.ip(), user);
            user = withStatus(user, UserRow.ACTIVE);
        }
        return minter.mint(actor, ApiKeyMinter.Spec.session(user, ApiKeyMinter.Authority.CREDENTIALS,
                identity.loginType(), sessionDuration, true, resolved.registered() ? "register" : "login"));
    }

    /**
     * Audits a sign-in the IdP flow refused before an identity was known (state, code exchange,
     * token, claims, email or group rules): {@code api_key}/{@code login} with the status.
     */
    public void recordFailure(Actor actor, String loginType, int status, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("login_type", loginType);
        fields.put("reason", message);
        auditor.writeFailure(auditor.begin(actor, "api_key", "login").additionalFields(fields), status);
    }

    private record Resolved(UserRow user, boolean registered) {}

    private Resolved resolve(Actor actor, Identity id, SignupPolicy policy,
            Optional<ConvertTokens.Conversion> conversion, AuditEntry audit) {
        try {
            return jdbi.inTransaction(h -> resolveIn(h, actor, id, policy, conversion, audit));
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolation.is(e)) {
                // e.g. the IdP's new email belongs to another user (§A.7)
                // Not e.getMessage(): Jdbi's text lists the bound arguments, the IdP's tokens among them.
                throw ApiError.of(500, "Failed to process OAuth login.", "unique violation: "
                        + dev.tokend.server.idp.IdpRefresher.rootMessage(e));
            }
            throw e;
        }
    }

    private Resolved resolveIn(Handle h, Actor actor, Identity id, SignupPolicy policy,
            Optional<ConvertTokens.Conversion> conversion, AuditEntry audit) {
        UserDao users = h.attach(UserDao.class);
        UserLinkDao links = h.attach(UserLinkDao.class);
        // §A.8 lookup: by linked id, else by email (then that user's link of their own login type).
        Optional<UserLinkRow> link = links.getUserLinkByLinkedId(id.linkedId());
        Optional<UserRow> user = link.flatMap(l -> users.getUserById(l.userId()));
        if (user.isEmpty()) {
            link = Optional.empty();
            user = users.getUserByEmail(id.email());
            if (user.isPresent()) {
                link = links.getUserLink(user.get().id(), user.get().loginType());
            }
        }
        if (conversion.isPresent()) {
            user = Optional.of(convert(h, actor, id, user, conversion.get()));
        }
        if (user.isEmpty()) {
            users.lockFirstUserCreation();
            boolean first = users.countUsers() == 0;
            if (!first && !policy.allowSignups()) {
                String text = policy.signupsDisabledText().isBlank()
                        ? "Please contact your administrator to request access."
                        : policy.signupsDisabledText();
                throw new PageError(403, "Signups are disabled", text);
            }
            UserRow created = create(h, id, first);
            audit.actor(created.id()).resource(created.id(), created.username());
            writeLink(links, created.id(), id, Optional.empty());
            return new Resolved(created, true);
        }
        UserRow u = user.get();
        audit.actor(u.id()).resource(u.id(), u.username());
        if (!u.loginType().equals(id.loginType())) {
            String description = "Attempting to use login type \"" + id.loginType() + "\", but the user has the "
                    + "login type \"" + u.loginType() + "\".";
            if (u.loginType().equals("password")) {
                description += " You can convert your account to use this login type by visiting your account "
                        + "settings.";
            }
            throw new PageError(403, "Incorrect login type", description);
        }
        if (UserRow.SUSPENDED.equals(u.status())) {
            // tokend decision: refused here, with the password login's message (not a key that fails every call).
            throw ApiError.of(401, "Your account is suspended. Contact an admin to reactivate your account.");
        }
        writeLink(links, u.id(), id, link);
        links.updateUserFromIdp(u.id(), id.email(), id.name(), id.avatarUrl(), clock.instant());
        if (id.githubComUserId() != 0) {
            links.updateUserGithubComUserId(u.id(), id.githubComUserId());
        }
        UserRow after = users.getUserById(u.id()).orElseThrow(ApiError::notFound);
        return new Resolved(after, false);
    }

    /** §D.3 at the callback: the IdP identity must be the user who asked, still of the login type they had. */
    private UserRow convert(Handle h, Actor actor, Identity id, Optional<UserRow> found, ConvertTokens.Conversion c) {
        if (found.isEmpty()) {
            throw ApiError.badRequest("The oidc account with the email \"" + id.email() + "\" does not match the "
                    + "email of the account you are trying to convert. Contact your administrator to resolve this "
                    + "issue.", null);
        }
        UserRow before = found.get();
        if (!before.id().equals(c.userId()) || !before.loginType().equals(c.fromLoginType())
                || !id.loginType().equals(c.toLoginType())) {
            throw ApiError.of(403, "Request to convert login type from " + before.loginType() + " to "
                    + id.loginType() + " failed");
        }
        UserDao users = h.attach(UserDao.class);
        h.attach(UserLinkDao.class).updateUserLoginType(before.id(), id.loginType(), clock.instant());
        UserRow after = users.getUserById(before.id()).orElseThrow(ApiError::notFound);
        auditor.write(h, auditor.begin(actor, "user", "write").actor(before.id())
                .resource(before.id(), before.username()).diff(dev.tokend.server.audit.Diffs.user(before, after)), 200);
        return after;
    }

    private String randomAlphanumeric(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private UserRow create(Handle h, Identity id, boolean first) {
        UserDao users = h.attach(UserDao.class);
        UserLinkDao links = h.attach(UserLinkDao.class);
        String original = id.usernameCandidate();
        if (!Usernames.valid(original)) {
            original = Usernames.from(original.isEmpty() ? id.email() : original, rng);
        }
        String username = original;
        int tries = 0;
        while (links.usernameTaken(username)) {
            if (++tries > USERNAME_TRIES) {
                throw ApiError.of(409, "exhausted alternatives for taken username \"" + original + "\"");
            }
            username = Usernames.alternative(original, rng);
        }
        var now = clock.instant();
        UUID orgId = users.getDefaultOrganizationId().orElseGet(() -> {
            UUID org = UUID.randomUUID();
            users.insertOrganization(org, AuthorizedUsers.DEFAULT_ORGANIZATION, "Default", true, now);
            return org;
        });
        UUID userId = UUID.randomUUID();
        users.insertUser(userId, id.email(), username, id.name(), new byte[0], now, UserRow.ACTIVE,
                first ? new String[] {Roles.OWNER} : new String[0], id.loginType());
        users.insertOrganizationMember(userId, orgId, new String[0], now);
        links.updateUserFromIdp(userId, id.email(), id.name(), id.avatarUrl(), now);
        if (id.githubComUserId() != 0) {
            links.updateUserGithubComUserId(userId, id.githubComUserId());
        }
        return users.getUserById(userId).orElseThrow();
    }

    private void writeLink(UserLinkDao links, UUID userId, Identity id, Optional<UserLinkRow> existing) {
        TokenCipher.Sealed access = cipher.seal(dev.tokend.server.idp.IdpLoginsColumns.ACCESS, id.tokens().accessToken());
        TokenCipher.Sealed refresh = cipher.seal(dev.tokend.server.idp.IdpLoginsColumns.REFRESH, id.tokens().refreshToken());
        if (existing.isPresent()) {
            links.updateUserLinkLogin(userId, id.loginType(), access.value(), access.keyId(), refresh.value(),
                    refresh.keyId(), id.tokens().expiry(), id.claimsJson());
        } else {
            links.insertUserLink(userId, id.loginType(), id.linkedId(), access.value(), access.keyId(),
                    refresh.value(), refresh.keyId(), id.tokens().expiry(), id.claimsJson());
        }
    }

    private static UserRow withStatus(UserRow u, String status) {
        return new UserRow(u.id(), u.email(), u.username(), u.name(), u.hashedPassword(), u.createdAt(),
                u.updatedAt(), status, u.rbacRoles(), u.loginType(), u.avatarUrl(), u.deleted(), u.lastSeenAt(),
                u.isSystem(), u.themePreference());
    }
}
