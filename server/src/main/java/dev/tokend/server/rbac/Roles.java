package dev.tokend.server.rbac;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Built-in role names and their display names (spec §4.2). */
public final class Roles {
    public static final String OWNER = "owner";
    public static final String USER_ADMIN = "user-admin";
    public static final String AUDITOR = "auditor";
    public static final String TEMPLATE_ADMIN = "template-admin";
    /** Implicit: every user holds it; it is never stored nor assignable. */
    public static final String MEMBER = "member";
    public static final String ORGANIZATION_ADMIN = "organization-admin";
    /** Implicit per organization membership. */
    public static final String ORGANIZATION_MEMBER = "organization-member";

    private static final Map<String, String> SITE_DISPLAY_NAMES = Map.of(
            OWNER, "Owner",
            USER_ADMIN, "User Admin",
            AUDITOR, "Auditor",
            TEMPLATE_ADMIN, "Template Admin");

    /** Site roles that can be stored on a user (assignable through {@code PUT /users/{user}/roles}). */
    public static final List<String> ASSIGNABLE_SITE_ROLES = List.of(OWNER, USER_ADMIN, AUDITOR, TEMPLATE_ADMIN);

    private Roles() {}

    private static final Map<String, String> ORGANIZATION_DISPLAY_NAMES = Map.of(
            ORGANIZATION_ADMIN, "Organization Admin",
            ORGANIZATION_MEMBER, "Organization Member",
            "organization-auditor", "Organization Auditor",
            "organization-user-admin", "Organization User Admin",
            "organization-template-admin", "Organization Template Admin");

    public static Optional<String> siteDisplayName(String role) {
        return Optional.ofNullable(SITE_DISPLAY_NAMES.get(role));
    }

    public static Optional<String> organizationDisplayName(String role) {
        return Optional.ofNullable(ORGANIZATION_DISPLAY_NAMES.get(role));
    }
}
