package dev.tokend.server.store;

import dev.tokend.sdk.model.ValidationError;
import dev.tokend.server.audit.AuditEntry;
import dev.tokend.server.audit.Diffs;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.auth.KeyEvents;
import dev.tokend.server.auth.Principal;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.db.Membership;
import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.Roles;
import dev.tokend.server.rbac.Subject;
import dev.tokend.server.rbac.SystemSubjects;
import dev.tokend.server.user.PasswordHasher;
import dev.tokend.server.user.PasswordPolicy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The authorizing way to users (like the reference's dbauthz), for reads and writes. A user the
 * actor may not read is reported exactly like one that does not exist, listings contain only
 * readable users, and every change is authorized, made and audited in one transaction (a refused
 * change is audited with its status).
 */
public final class AuthorizedUsers {
    // NOTE: stable wire strings (reference §2.0–2.1).
    public static final String NO_ORGANIZATION = "No organization specified to place the user as a member of. It is "
            + "required to specify at least one organization id to place the user in.";
    public static final String USER_EXISTS = "User already exists.";
    public static final String FIRST_USER_CONFLICT = "The initial user has already been created.";
    /** Name of the organization created with the first user. */
    static final String DEFAULT_ORGANIZATION = "default";

    private static final PasswordPolicy POLICY = new PasswordPolicy();

    private final Jdbi jdbi;
    private final Authz authz;
    private final Auditor auditor;
    private final PasswordHasher hasher;
    private final InstantSource clock;
    private final KeyEvents events;

    AuthorizedUsers(Jdbi jdbi, Authz authz, Auditor auditor, PasswordHasher hasher, InstantSource clock,
            KeyEvents events) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
        this.auditor = Objects.requireNonNull(auditor);
        this.hasher = Objects.requireNonNull(hasher);
        this.clock = Objects.requireNonNull(clock);
        this.events = Objects.requireNonNull(events);
    }

    /** A user and the organizations they belong to. */
    public record UserDetails(UserRow user, List<Membership> memberships) {
        public UserDetails {
            memberships = List.copyOf(memberships);
        }
    }

    // ---- reads ----------------------------------------------------------------------------------

    /** Whether any (non-system) user exists; public: the first-user page needs it before anyone signs in. */
    public boolean anyUserExists() {
        return jdbi.withExtension(UserDao.class, UserDao::countUsers) > 0;
    }

    /** A user by UUID or username (case-insensitive, not deleted), if it exists and is readable. */
    public Optional<UserRow> find(Actor actor, String idOrUsername) {
        Optional<Subject> subject = actor.subject();
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        UUID id = parseUuid(idOrUsername);
        return jdbi.withExtension(UserDao.class,
                        dao -> id != null ? dao.getUserById(id) : dao.getUserByUsername(idOrUsername))
                .filter(u -> readable(subject.get(), u));
    }

    /** Whether the subject may read {@code user}. */
    public boolean readable(Subject subject, UserRow user) {
        return authz.can(subject, Action.READ, RbacObject.user(user.id()));
    }

    /** {@code user} with memberships, read by an actor that already holds the readable row. */
    public UserDetails details(Actor actor, UserRow user) {
        requireReadable(actor, user);
        Optional<Principal> self = actor.principal().filter(p -> p.user().id().equals(user.id()));
        if (self.isPresent()) {
            // The principal was loaded with its memberships moments ago: no query (issue 10).
            return new UserDetails(self.get().user(), self.get().memberships());
        }
        return jdbi.withHandle(h -> details(h, List.of(user)).get(0));
    }

    /** One page of the users the actor may read matching the search, and how many match in all. */
    public record Page(List<UserDetails> users, long count) {}

    public Page list(Actor actor, String search, String status, long limit, long offset) {
        Subject subject = actor.subject().orElseThrow(ApiError::notFound);
        return jdbi.withHandle(h -> {
            UserDao dao = h.attach(UserDao.class);
            if (authz.can(subject, Action.READ, RbacObject.anyUser())) {
                return new Page(details(h, dao.listUsers(search, status, limit, offset)),
                        dao.countListedUsers(search, status));
            }
            // Everyone else may read only themselves (spec §2.0), and only if the key may read users at all.
            String s = search.toLowerCase(Locale.ROOT);
            List<UserRow> self = dao.getUserById(subject.userId())
                    .filter(u -> status.isEmpty() || status.equals(u.status()))
                    .filter(u -> s.isEmpty() || u.username().toLowerCase(Locale.ROOT).contains(s)
                            || u.email().toLowerCase(Locale.ROOT).contains(s))
                    .filter(u -> readable(subject, u))
                    .stream().toList();
            return new Page(offset > 0 ? List.of() : details(h, self), self.size());
        });
    }

    /** Users by id with memberships, for rendering rows another authorized read returned (audit actors). */
    static List<UserDetails> detailsOf(Handle h, Collection<UUID> ids) {
        UserDao dao = h.attach(UserDao.class);
        return details(h, ids.stream().map(dao::getUserById).flatMap(Optional::stream).toList());
    }

    private static List<UserDetails> details(Handle h, List<UserRow> rows) {
        UUID[] ids = rows.stream().map(UserRow::id).toArray(UUID[]::new);
        Map<UUID, List<Membership>> byUser = new HashMap<>();
        for (Membership m : h.attach(UserDao.class).membershipsOfUsers(ids)) {
            byUser.computeIfAbsent(m.userId(), k -> new ArrayList<>()).add(m);
        }
        return rows.stream().map(r -> new UserDetails(r, byUser.getOrDefault(r.id(), List.of()))).toList();
    }

    // ---- writes ---------------------------------------------------------------------------------

    /** The first user, owner of the deployment and of the default organization; exactly one wins a race. */
    public record FirstUser(UUID userId, UUID organizationId) {}

    public FirstUser createFirstUser(Actor actor, String email, String username, String name, String password) {
        Optional<String> weak = POLICY.validate(password);
        byte[] hash = weak.isPresent() ? new byte[0] : hasher.hash(password).getBytes(StandardCharsets.UTF_8);
        return jdbi.inTransaction(h -> {
            UserDao dao = h.attach(UserDao.class);
            dao.lockFirstUserCreation();
            if (dao.countUsers() > 0) {
                throw ApiError.of(409, FIRST_USER_CONFLICT);
            }
            if (weak.isPresent()) {
                throw ApiError.validation("Password is invalid", List.of(new ValidationError("password", weak.get())));
            }
            var now = clock.instant();
            UUID orgId = dao.getDefaultOrganizationId().orElseGet(() -> {
                UUID id = UUID.randomUUID();
                dao.insertOrganization(id, DEFAULT_ORGANIZATION, "Default", true, now);
                return id;
            });
            UUID userId = UUID.randomUUID();
            dao.insertUser(userId, email, username, name == null ? "" : name, hash, now, UserRow.ACTIVE,
                    new String[] {Roles.OWNER}, "password");
            dao.insertOrganizationMember(userId, orgId, new String[0], now);
            UserRow first = dao.getUserById(userId).orElseThrow();
            auditor.write(h, auditor.begin(actor, "user", "create").actor(userId).organization(orgId)
                    .resource(userId, first.username()).diff(Diffs.user(null, first)), 201);
            return new FirstUser(userId, orgId);
        });
    }

    /** A new user, already validated for syntax by the handler; password null for non-password logins. */
    public record NewUser(String email, String username, String name, String password, String status,
            String loginType, List<UUID> organizationIds) {
        public NewUser {
            organizationIds = List.copyOf(organizationIds);
        }
    }

    /**
     * Creates a user: authorizes first, then runs {@code parse} (the handler's reading and syntax
     * checks of the request), so a caller who may not create users learns nothing from a bad body;
     * refusals at any step are audited.
     */
    public UserDetails create(Actor actor, java.util.function.Supplier<NewUser> parse) {
        AuditEntry audit = auditor.begin(actor, "user", "create");
        return auditor.attempt(audit, () -> {
            Subject subject = actor.subject().orElseThrow(ApiError::forbidden);
            if (!authz.can(subject, Action.CREATE, RbacObject.anyUser())) {
                throw ApiError.of(403, "You are not authorized to create users.");
            }
            NewUser user = parse.get();
            if (user.organizationIds().isEmpty()) {
                throw ApiError.validation(NO_ORGANIZATION,
                        List.of(new ValidationError("organization_ids", "must contain at least one organization id")));
            }
            byte[] hash = new byte[0];
            if (user.password() != null) {
                Optional<String> weak = POLICY.validate(user.password());
                if (weak.isPresent()) {
                    throw ApiError.validation("Password is invalid",
                            List.of(new ValidationError("password", weak.get())));
                }
                hash = hasher.hash(user.password()).getBytes(StandardCharsets.UTF_8);
            }
            byte[] hashedPassword = hash;
            try {
                return jdbi.inTransaction(h -> {
                    UserDao dao = h.attach(UserDao.class);
                    if (dao.userExistsByEmailOrUsername(user.email(), user.username())) {
                        throw ApiError.of(409, USER_EXISTS);
                    }
                    for (UUID orgId : user.organizationIds()) {
                        if (!dao.organizationExists(orgId)) {
                            throw ApiError.badRequest(
                                    "Organization does not exist with the provided id \"" + orgId + "\".", null);
                        }
                    }
                    UUID id = UUID.randomUUID();
                    var now = clock.instant();
                    dao.insertUser(id, user.email(), user.username(), user.name() == null ? "" : user.name(),
                            hashedPassword, now, user.status(), new String[0], user.loginType());
                    for (UUID orgId : user.organizationIds()) {
                        dao.insertOrganizationMember(id, orgId, new String[0], now);
                    }
                    UserRow row = dao.getUserById(id).orElseThrow();
                    auditor.write(h, audit.organization(user.organizationIds().get(0)).resource(id, row.username())
                            .diff(Diffs.user(null, row)), 201);
                    return details(h, List.of(row)).get(0);
                });
            } catch (UnableToExecuteStatementException e) {
                if (UniqueViolation.is(e)) {
                    throw ApiError.of(409, USER_EXISTS); // lost a race with a concurrent create of the same user
                }
                throw e;
            }
        });
    }

    /**
     * Changes {@code target}'s password and deletes every key of the user, atomically. The user row
     * is locked for update first: a concurrent mint holds a share lock on it, so it either committed
     * before (and its key is deleted here) or waits and then finds its calling key gone. After this
     * commits, no key minted on the strength of an earlier key is valid.
     */
    public record PasswordChange(String oldPassword, String newPassword) {}

    public void changePassword(Actor actor, UserRow target, java.util.function.Supplier<PasswordChange> parse) {
        AuditEntry audit = auditor.begin(actor, "user", "write").resource(target.id(), target.username());
        auditor.attempt(audit, () -> {
            Principal caller = actor.principal().orElseThrow(ApiError::notFound);
            if (!authz.can(caller.subject(), Action.UPDATE_PERSONAL, RbacObject.user(target.id()))) {
                throw ApiError.notFound();
            }
            PasswordChange change = parse.get();
            String oldPassword = change.oldPassword();
            String newPassword = change.newPassword();
            UserRow current = jdbi.withExtension(UserDao.class, dao -> dao.getUserById(target.id()))
                    .orElseThrow(ApiError::notFound);
            if (!"password".equals(current.loginType())) {
                throw ApiError.badRequest("Users without password login type cannot change their password.", null);
            }
            if (target.id().equals(caller.user().id())) {
                if (oldPassword == null || oldPassword.isEmpty()) {
                    throw ApiError.badRequest("Old password is required.", null);
                }
                if (!hasher.verify(oldPassword, current.hashedPassword())) {
                    throw ApiError.validation("Old password is incorrect.",
                            List.of(new ValidationError("old_password", "Old password is incorrect.")));
                }
            }
            Optional<String> weak = POLICY.validate(newPassword);
            if (weak.isPresent()) {
                throw ApiError.validation("Invalid password.", List.of(new ValidationError("password", weak.get())));
            }
            if (hasher.verify(newPassword, current.hashedPassword())) {
                throw ApiError.badRequest("New password cannot match old password.", null);
            }
            byte[] hash = hasher.hash(newPassword).getBytes(StandardCharsets.UTF_8);
            jdbi.useTransaction(h -> {
                UserDao dao = h.attach(UserDao.class);
                dao.lockUserForUpdate(target.id()).orElseThrow(ApiError::notFound);
                dao.updateUserPassword(target.id(), hash, clock.instant());
                h.attach(ApiKeyDao.class).deleteApiKeysOfUser(target.id());
                auditor.write(h, audit.diff(Diffs.passwordChanged()), 204);
            });
            events.userChanged(target.id());
        });
    }

    /** Suspends {@code target}. Keys stay; validation refuses them while the user is suspended. */
    public UserDetails suspend(Actor actor, UserRow target) {
        return changeStatus(actor, target, UserRow.SUSPENDED);
    }

    public UserDetails activate(Actor actor, UserRow target) {
        return changeStatus(actor, target, UserRow.ACTIVE);
    }

    private UserDetails changeStatus(Actor actor, UserRow target, String status) {
        AuditEntry audit = auditor.begin(actor, "user", "write").resource(target.id(), target.username());
        return attemptThenEvict(audit, () -> {
            Principal caller = actor.principal().orElseThrow(ApiError::forbidden);
            authz.require(caller.subject(), Action.UPDATE, RbacObject.user(target.id()));
            if (status.equals(UserRow.SUSPENDED)) {
                if (target.id().equals(caller.user().id())) {
                    throw ApiError.badRequest("You cannot suspend yourself.", null);
                }
                if (target.rbacRoles().contains(Roles.OWNER)) {
                    throw ApiError.badRequest(
                            "You cannot suspend a user with the \"owner\" role. You must remove the role first.", null);
                }
            }
            return jdbi.inTransaction(h -> {
                UserDao dao = h.attach(UserDao.class);
                UserRow before = dao.lockUserForUpdate(target.id()).orElseThrow(ApiError::notFound);
                dao.updateUserStatus(target.id(), status, clock.instant());
                UserRow after = dao.getUserById(target.id()).orElseThrow(ApiError::notFound);
                auditor.write(h, audit.diff(Diffs.status(before.status(), after.status())), 200);
                return details(h, List.of(after)).get(0);
            });
        }, target.id());
    }

    /** Soft delete; a trigger deletes the user's keys in the same statement. */
    public void delete(Actor actor, UserRow target) {
        AuditEntry audit = auditor.begin(actor, "user", "delete").resource(target.id(), target.username());
        auditor.attempt(audit, () -> {
            Principal caller = actor.principal().orElseThrow(ApiError::forbidden);
            authz.require(caller.subject(), Action.DELETE, RbacObject.user(target.id()));
            if (target.id().equals(caller.user().id())) {
                throw ApiError.of(403, "You cannot delete yourself!");
            }
            jdbi.useTransaction(h -> {
                UserDao dao = h.attach(UserDao.class);
                dao.lockUserForUpdate(target.id()).orElseThrow(ApiError::notFound);
                if (dao.softDeleteUser(target.id(), clock.instant()) != 1) {
                    throw ApiError.notFound();
                }
                auditor.write(h, audit.diff(Diffs.user(target, null)), 200);
            });
            events.userChanged(target.id());
        });
    }

    /** Sets the site roles; every role added or removed must be assignable by the caller. */
    public UserDetails updateRoles(Actor actor, UserRow target, java.util.function.Supplier<List<String>> parse) {
        AuditEntry audit = auditor.begin(actor, "user", "write").resource(target.id(), target.username());
        return attemptThenEvict(audit, () -> {
            Principal caller = actor.principal().orElseThrow(ApiError::forbidden);
            authz.require(caller.subject(), Action.UPDATE, RbacObject.user(target.id()));
            List<String> requested = parse.get();
            if (target.id().equals(caller.user().id())) {
                throw ApiError.badRequest("You cannot change your own roles.", null);
            }
            Set<String> wanted = new LinkedHashSet<>();
            for (String role : requested) {
                String name = role == null ? "" : role.toLowerCase(Locale.ROOT);
                if (name.equals(Roles.MEMBER)) {
                    continue; // implicit for everyone; never stored
                }
                if (!Roles.ASSIGNABLE_SITE_ROLES.contains(name)) {
                    throw ApiError.badRequest("Invalid site role.", "Role \"" + role + "\" is not a valid site role. "
                            + "Valid roles: " + String.join(", ", Roles.ASSIGNABLE_SITE_ROLES) + ".");
                }
                wanted.add(name);
            }
            return jdbi.inTransaction(h -> {
                UserDao dao = h.attach(UserDao.class);
                UserRow before = dao.lockUserForUpdate(target.id()).orElseThrow(ApiError::notFound);
                Set<String> current = new LinkedHashSet<>(before.rbacRoles());
                for (String added : difference(wanted, current)) {
                    authz.require(caller.subject(), Action.ASSIGN, RbacObject.role(added));
                }
                for (String removed : difference(current, wanted)) {
                    authz.require(caller.subject(), Action.UNASSIGN, RbacObject.role(removed));
                }
                String[] roles = Roles.ASSIGNABLE_SITE_ROLES.stream().filter(wanted::contains).toArray(String[]::new);
                dao.updateUserRoles(target.id(), roles, clock.instant());
                UserRow after = dao.getUserById(target.id()).orElseThrow(ApiError::notFound);
                auditor.write(h, audit.diff(Diffs.user(before, after)), 200);
                return details(h, List.of(after)).get(0);
            });
        }, target.id());
    }

    /**
     * The one path from dormant to active: used on first use of a key and on sign-in. Audited as a
     * change by the system, with the request id of the request that caused it; true when it flipped.
     */
    public boolean activateIfDormant(UUID requestId, InetAddress ip, UserRow user) {
        if (!UserRow.DORMANT.equals(user.status())) {
            return false;
        }
        Actor system = Actor.system(SystemSubjects.DORMANCY, requestId, ip);
        return jdbi.inTransaction(h -> {
            boolean activated = h.attach(UserDao.class).activateDormantUser(user.id(), clock.instant()) > 0;
            if (activated) {
                auditor.write(h, auditor.begin(system, "user", "write").resource(user.id(), user.username())
                        .diff(Diffs.status(UserRow.DORMANT, UserRow.ACTIVE)), 200);
            }
            return activated;
        }) && changed(user.id());
    }

    /** A committed change of {@code userId}: evicts their keys from this replica's cache at once. */
    private boolean changed(UUID userId) {
        events.userChanged(userId);
        return true;
    }

    private <T> T attemptThenEvict(AuditEntry audit, java.util.function.Supplier<T> body, UUID userId) {
        T result = auditor.attempt(audit, body);
        events.userChanged(userId);
        return result;
    }

    private void requireReadable(Actor actor, UserRow user) {
        Subject subject = actor.subject().orElseThrow(ApiError::notFound);
        if (!readable(subject, user)) {
            throw ApiError.notFound();
        }
    }

    private static List<String> difference(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }

    private static UUID parseUuid(String value) {
        if (value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
