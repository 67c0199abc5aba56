package dev.tokend.server.store;

import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserRow;

import dev.tokend.server.rbac.Action;
import dev.tokend.server.store.Authz;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.Subject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The authorizing way to users (like the reference's dbauthz): a user the subject may not read is
 * reported exactly like one that does not exist, and listings contain only readable users.
 */
public final class AuthorizedUsers {
    private final Jdbi jdbi;
    private final Authz authz;

    public AuthorizedUsers(Jdbi jdbi, Authz authz) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
    }

    /** A user by UUID or username (case-insensitive, not deleted), if it exists and is readable. */
    public Optional<UserRow> find(Subject subject, String idOrUsername) {
        UUID id = parseUuid(idOrUsername);
        return jdbi.withExtension(UserDao.class,
                        dao -> id != null ? dao.getUserById(id) : dao.getUserByUsername(idOrUsername))
                .filter(u -> readable(subject, u));
    }

    /** Whether the subject may read {@code user}. */
    public boolean readable(Subject subject, UserRow user) {
        return authz.can(subject, Action.READ, RbacObject.user(user.id()));
    }

    /** One page of the users the subject may read matching the search, and how many match in all. */
    public record Page(List<UserRow> users, long count) {}

    public Page list(Handle handle, Subject subject, String search, String status, long limit, long offset) {
        UserDao dao = handle.attach(UserDao.class);
        if (authz.can(subject, Action.READ, RbacObject.anyUser())) {
            return new Page(dao.listUsers(search, status, limit, offset), dao.countListedUsers(search, status));
        }
        // Everyone else may read only themselves (spec §2.0), and only if the key may read users at all.
        String s = search.toLowerCase(java.util.Locale.ROOT);
        List<UserRow> self = dao.getUserById(subject.userId())
                .filter(u -> status.isEmpty() || status.equals(u.status()))
                .filter(u -> s.isEmpty() || u.username().toLowerCase(java.util.Locale.ROOT).contains(s)
                        || u.email().toLowerCase(java.util.Locale.ROOT).contains(s))
                .filter(u -> readable(subject, u))
                .stream().toList();
        return new Page(offset > 0 ? List.of() : self, self.size());
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
