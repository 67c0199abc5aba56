package dev.tokend.server.rbac;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who is acting: a user with site roles (including the implicit {@code member}), organization
 * roles per organization (including the implicit {@code organization-member}), and the narrowing
 * that the API key used for the request carries (scopes and allow list, spec §4.4).
 *
 * <p>System subjects (background jobs) are named and carry only the roles they need.
 */
public record Subject(
        UUID userId,
        String name,
        Set<String> siteRoles,
        Map<UUID, Set<String>> orgRoles,
        List<String> scopes,
        List<String> allowList) {

    public Subject {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        siteRoles = Set.copyOf(siteRoles);
        orgRoles = Map.copyOf(orgRoles);
        scopes = List.copyOf(scopes);
        allowList = List.copyOf(allowList);
    }

    public boolean hasSiteRole(String role) {
        return siteRoles.contains(role);
    }
}
