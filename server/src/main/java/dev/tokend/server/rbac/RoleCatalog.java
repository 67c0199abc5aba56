package dev.tokend.server.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The permission table: every built-in role and what it grants, in one place (reference §4.2).
 * {@code rbac/README.md} is rendered from it ({@link #renderMarkdown()}), and a test keeps the two equal.
 *
 * <p>Each role grants permissions at up to three levels:
 * <ul>
 *   <li><b>site</b>: on every object;
 *   <li><b>org</b>: on objects of an organization the user holds the role in;
 *   <li><b>user</b>: on objects the user owns (their own user, keys, workspaces…).
 * </ul>
 */
public final class RoleCatalog {
    /** What one role grants. */
    public record RoleDefinition(String name, String displayName, Set<Permission> site, Set<Permission> org,
            Set<Permission> user, List<String> assignableRoles) {
        public RoleDefinition {
            site = Set.copyOf(site);
            org = Set.copyOf(org);
            user = Set.copyOf(user);
            assignableRoles = List.copyOf(assignableRoles);
        }
    }

    private static final Map<String, RoleDefinition> ROLES = build();

    private RoleCatalog() {}

    private static Permission p(String resource, String action) {
        return new Permission(resource, action);
    }

    private static Map<String, RoleDefinition> build() {
        Map<String, RoleDefinition> roles = new LinkedHashMap<>();
        // Owners may do everything, everywhere.
        add(roles, Roles.OWNER, "Owner", Set.of(Permission.ALL), Set.of(), Set.of(),
                List.of(Roles.OWNER, Roles.USER_ADMIN, Roles.AUDITOR, Roles.TEMPLATE_ADMIN));
        // Every user: their own things only. Reading other users is not a member right (§2.0).
        add(roles, Roles.MEMBER, "Member", Set.of(), Set.of(), Set.of(
                p("api_key", "*"), p("user", "read"), p("user", "read_personal"), p("user", "update_personal"),
                p("user_secret", "*"), p("workspace", "*"), p("task", "*"), p("file", "create"),
                p("file", "read")), List.of());
        // Auditors read the audit log, and the users and templates it names.
        add(roles, Roles.AUDITOR, "Auditor", Set.of(p("audit_log", "read"), p("user", "read"),
                p("template", "read"), p("organization", "read")), Set.of(), Set.of(), List.of());
        // User admins manage users and hand out roles below owner; no api_key rights (§4.2, #17436).
        add(roles, Roles.USER_ADMIN, "User Admin", Set.of(p("user", "*"), p("organization", "read"),
                p("assign_role", "*")), Set.of(), Set.of(),
                List.of(Roles.USER_ADMIN, Roles.AUDITOR, Roles.TEMPLATE_ADMIN));
        // Template admins manage templates and their files, and read users and workspaces.
        add(roles, Roles.TEMPLATE_ADMIN, "Template Admin", Set.of(p("template", "*"), p("file", "*"),
                p("user", "read"), p("workspace", "read"), p("organization", "read")), Set.of(), Set.of(),
                List.of());
        // Organization admins: everything on objects of their organization (api keys have none, §4.1).
        add(roles, Roles.ORGANIZATION_ADMIN, "Organization Admin", Set.of(), Set.of(Permission.ALL), Set.of(),
                List.of());
        // Every organization member reads the organization and uses its templates.
        add(roles, Roles.ORGANIZATION_MEMBER, "Organization Member", Set.of(), Set.of(p("organization", "read"),
                p("template", "read"), p("template", "use")), Set.of(), List.of());
        // System subject of the purge job: deletes API keys, nothing else.
        add(roles, SystemSubjects.PURGE_ROLE, "System: purge", Set.of(p("api_key", "delete")), Set.of(), Set.of(),
                List.of());
        // System subject of the OAuth2 protocol endpoints (reference §8.6).
        add(roles, SystemSubjects.OAUTH2_ROLE, "System: OAuth2", Set.of(p("oauth2_app", "*"), p("api_key", "read"),
                p("api_key", "delete"), p("user", "read"), p("organization", "read")), Set.of(), Set.of(), List.of());
        return Map.copyOf(roles);
    }

    private static void add(Map<String, RoleDefinition> roles, String name, String display, Set<Permission> site,
            Set<Permission> org, Set<Permission> user, List<String> assignable) {
        roles.put(name, new RoleDefinition(name, display, site, org, user, assignable));
    }

    /** The definition of a built-in role; unknown names (e.g. stale stored roles) grant nothing. */
    public static Optional<RoleDefinition> role(String name) {
        return Optional.ofNullable(ROLES.get(name));
    }

    /**
     * Every resource type and action the engine knows: the scope catalog's public ones, plus user
     * administration ({@code user:create|update|delete}) and role assignment, which only roles grant.
     */
    public static Map<String, List<String>> actions() {
        return ACTIONS;
    }

    private static final Map<String, List<String>> ACTIONS = buildActions();

    private static Map<String, List<String>> buildActions() {
        Map<String, List<String>> all = new java.util.TreeMap<>();
        Scopes.catalog().forEach((resource, actions) -> all.put(resource, new ArrayList<>(actions)));
        all.get("user").addAll(List.of("create", "update", "delete"));
        all.put(RbacObject.ASSIGN_ROLE, new ArrayList<>(List.of("assign", "unassign", "read")));
        Map<String, List<String>> frozen = new java.util.TreeMap<>();
        all.forEach((k, v) -> frozen.put(k, List.copyOf(new TreeSet<>(v))));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    /** Role names in table order. */
    public static List<String> names() {
        return List.of(Roles.OWNER, Roles.MEMBER, Roles.AUDITOR, Roles.USER_ADMIN, Roles.TEMPLATE_ADMIN,
                Roles.ORGANIZATION_ADMIN, Roles.ORGANIZATION_MEMBER, SystemSubjects.PURGE_ROLE,
                SystemSubjects.OAUTH2_ROLE);
    }

    /**
     * The truth table as Markdown: one row per resource and action of the catalog, one column per
     * role; {@code site}, {@code org} (own organization's objects) or {@code own} (own objects).
     */
    public static String renderMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("| resource | action |");
        names().forEach(r -> md.append(' ').append(r).append(" |"));
        md.append('\n').append("|---|---|");
        names().forEach(r -> md.append("---|"));
        md.append('\n');
        for (var resource : actions().entrySet()) {
            for (String action : resource.getValue()) {
                md.append("| ").append(resource.getKey()).append(" | ").append(action).append(" |");
                for (String role : names()) {
                    RoleDefinition d = ROLES.get(role);
                    List<String> levels = new ArrayList<>();
                    if (grants(d.site(), resource.getKey(), action)) {
                        levels.add("site");
                    }
                    if (grants(d.org(), resource.getKey(), action)) {
                        levels.add("org");
                    }
                    if (grants(d.user(), resource.getKey(), action)) {
                        levels.add("own");
                    }
                    md.append(' ').append(levels.isEmpty() ? "–" : String.join(", ", levels)).append(" |");
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static boolean grants(Set<Permission> permissions, String resource, String action) {
        return permissions.stream().anyMatch(p -> p.matches(resource, action));
    }
}
