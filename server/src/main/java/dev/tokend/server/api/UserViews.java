package dev.tokend.server.api;

import dev.tokend.server.db.Membership;
import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserRow;

import dev.tokend.sdk.model.SlimRole;
import dev.tokend.sdk.model.User;
import dev.tokend.server.rbac.Roles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Turns user rows into the API's {@link User} records (two queries for any number of users). */
public final class UserViews {
    private UserViews() {}

    public static User toApi(UserRow row, List<Membership> memberships) {
        List<UUID> orgIds = memberships.stream().map(Membership::organizationId).toList();
        List<SlimRole> roles = new ArrayList<>();
        for (String role : row.rbacRoles()) {
            roles.add(new SlimRole(role, Roles.siteDisplayName(role).orElse(role), null));
        }
        return new User(row.id(), row.username(), row.name(), row.email(), row.avatarUrl(), row.createdAt(),
                row.updatedAt(), row.lastSeenAt(), row.status(), row.loginType(), row.themePreference(), orgIds,
                roles);
    }

    public static User load(Handle handle, UserRow row) {
        return toApi(row, handle.attach(UserDao.class).membershipsOfUsers(new UUID[] {row.id()}));
    }

    public static List<User> load(Handle handle, Collection<UserRow> rows) {
        UUID[] ids = rows.stream().map(UserRow::id).toArray(UUID[]::new);
        Map<UUID, List<Membership>> byUser = new HashMap<>();
        for (Membership m : handle.attach(UserDao.class).membershipsOfUsers(ids)) {
            byUser.computeIfAbsent(m.userId(), k -> new ArrayList<>()).add(m);
        }
        return rows.stream().map(r -> toApi(r, byUser.getOrDefault(r.id(), List.of()))).toList();
    }
}
