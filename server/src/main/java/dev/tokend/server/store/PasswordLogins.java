package dev.tokend.server.store;

import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.user.PasswordHasher;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Password sign-in (reference U4), shared by the API and the HTML form: checks in the reference's
 * order (lookup, password, disabled password auth, login type, dormant → active, status), then
 * mints a sliding session through the one minting path. Audited as {@code login} on success and
 * failure alike, with the attempted user (nil when the email is unknown).
 */
public final class PasswordLogins {
    // NOTE: stable wire strings (reference §2.1).
    public static final String BAD_CREDENTIALS = "Incorrect email or password.";
    public static final String PASSWORD_AUTH_DISABLED = "Password authentication is disabled.";

    private final org.jdbi.v3.core.Jdbi jdbi;
    private final Auditor auditor;
    private final PasswordHasher hasher;
    private final ApiKeyMinter minter;
    private final AuthorizedUsers users;
    private final Duration sessionDuration;
    private final boolean disablePasswordAuth;

    PasswordLogins(org.jdbi.v3.core.Jdbi jdbi, Auditor auditor, PasswordHasher hasher, ApiKeyMinter minter,
            AuthorizedUsers users, Duration sessionDuration, boolean disablePasswordAuth) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.auditor = Objects.requireNonNull(auditor);
        this.hasher = Objects.requireNonNull(hasher);
        this.minter = Objects.requireNonNull(minter);
        this.users = Objects.requireNonNull(users);
        this.sessionDuration = Objects.requireNonNull(sessionDuration);
        this.disablePasswordAuth = disablePasswordAuth;
    }

    /** Signs in with email and password; the minted session is returned once. */
    public ApiKeyMinter.Minted signIn(Actor actor, String email, String password) {
        AuditEntry audit = auditor.begin(actor, "api_key", "login");
        UserRow user = auditor.attempt(audit, () -> check(actor, email, password, audit));
        return minter.mint(actor, ApiKeyMinter.Spec.session(user, ApiKeyMinter.Authority.CREDENTIALS, "password",
                sessionDuration, true, "login"));
    }

    /** The password check alone, without a key (login-type conversion, reference §D.3); same order and texts. */
    UserRow verify(Actor actor, String email, String password, AuditEntry audit) {
        return check(actor, email, password, audit);
    }

    private UserRow check(Actor actor, String email, String password, AuditEntry audit) {
        Optional<UserRow> found = jdbi.withExtension(UserDao.class, dao -> dao.getUserByEmail(email));
        if (found.isEmpty()) {
            hasher.spendHashingTime(password); // same cost as a wrong password: no user enumeration by timing
            throw ApiError.of(401, BAD_CREDENTIALS);
        }
        UserRow user = found.get();
        audit.actor(user.id()).resource(user.id(), "");
        if (!hasher.verify(password, user.hashedPassword())) {
            throw ApiError.of(401, BAD_CREDENTIALS);
        }
        if (disablePasswordAuth) {
            throw ApiError.of(403, PASSWORD_AUTH_DISABLED);
        }
        if (!"password".equals(user.loginType())) {
            throw ApiError.of(403, "Incorrect login type, attempting to use \"password\" but user is of login type \""
                    + user.loginType() + "\"");
        }
        String status = user.status();
        if (UserRow.DORMANT.equals(status)) {
            users.activateIfDormant(actor.requestId(), actor.ip(), user);
            status = UserRow.ACTIVE;
        }
        if (!UserRow.ACTIVE.equals(status)) {
            throw ApiError.of(401, "Your account is " + status + ". Contact an admin to reactivate your account.");
        }
        return user.status().equals(status) ? user : withStatus(user, status);
    }

    private static UserRow withStatus(UserRow u, String status) {
        return new UserRow(u.id(), u.email(), u.username(), u.name(), u.hashedPassword(), u.createdAt(),
                u.updatedAt(), status, u.rbacRoles(), u.loginType(), u.avatarUrl(), u.deleted(), u.lastSeenAt(),
                u.isSystem(), u.themePreference());
    }
}
