package dev.tokend.server.api;

import dev.tokend.sdk.model.SlimRole;
import dev.tokend.sdk.model.User;
import dev.tokend.server.db.Membership;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.rbac.Roles;
import dev.tokend.server.store.AuthorizedUsers.UserDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns the store's users into the API's {@link User} records. */
public final class UserViews {
    private UserViews() {}

    public static User toApi(UserDetails details) {
        UserRow row = details.user();
        List<UUID> orgIds = details.memberships().stream().map(Membership::organizationId).toList();
        List<SlimRole> roles = new ArrayList<>();
        for (String role : row.rbacRoles()) {
            roles.add(new SlimRole(role, Roles.siteDisplayName(role).orElse(role), null));
        }
        // Organization roles held explicitly (the implicit organization-member is not listed),
        // each with its organization_id, as the reference's User.roles carries them.
        for (Membership m : details.memberships()) {
            for (String role : m.roles()) {
                roles.add(new SlimRole(role, Roles.organizationDisplayName(role).orElse(role),
                        m.organizationId().toString()));
            }
        }
        return new User(row.id(), row.username(), row.name(), row.email(), row.avatarUrl(), row.createdAt(),
                row.updatedAt(), row.lastSeenAt(), row.status(), row.loginType(), row.themePreference(), orgIds,
                roles);
    }

    public static List<User> toApi(List<UserDetails> users) {
        return users.stream().map(UserViews::toApi).toList();
    }
}
