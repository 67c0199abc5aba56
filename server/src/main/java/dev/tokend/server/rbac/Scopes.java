package dev.tokend.server.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The API key scope catalog (spec §4.3): which names a client may request, what each expands to,
 * and the coverage test behind the escalation guard (§4.6, tokend decision "Scope escalation").
 *
 * <p>Names are case-sensitive, as upstream: {@code Workspace:read} is not a scope. The catalog is
 * fixed at class-load time and every collection handed out is unmodifiable.
 */
public final class Scopes {

    /** No narrowing: the default when no scope is requested (§4.3). */
    public static final String ALL = "coder:all";

    /** Only {@code workspace:application_connect}; used for workspace app tokens (§4.3). */
    public static final String APPLICATION_CONNECT = "coder:application_connect";

    /** Legacy spelling of {@link #ALL}, accepted on input and canonicalised (§4.3). */
    public static final String LEGACY_ALL = "all";

    /** Legacy spelling of {@link #APPLICATION_CONNECT}, accepted and canonicalised (§4.3). */
    public static final String LEGACY_APPLICATION_CONNECT = "application_connect";

    private static final String WORKSPACE = "workspace";
    private static final String TEMPLATE = "template";
    private static final String API_KEY = "api_key";
    private static final String FILE = "file";

    /**
     * Public resources and their actions: the Oct-2025 catalog of §4.3 (with {@code user:read}
     * from the later revision) plus tokend's own {@code audit_log} and {@code oauth2_app}, which
     * guard tokend's own endpoints. Chats and later 2026 additions are not needed for parity.
     */
    private static final Map<String, List<String>> RESOURCES =
            Map.of(
                    WORKSPACE,
                    List.of(
                            "read", "create", "update", "delete", "ssh", "start", "stop",
                            "application_connect"),
                    TEMPLATE, List.of("read", "create", "update", "delete", "use"),
                    API_KEY, List.of("read", "create", "update", "delete"),
                    FILE, List.of("read", "create"),
                    "user", List.of("read", "read_personal", "update_personal"),
                    "user_secret", List.of("read", "create", "update", "delete"),
                    "task", List.of("create", "read", "update", "delete"),
                    "organization", List.of("read", "update", "delete"),
                    "audit_log", List.of("read"),
                    "oauth2_app", List.of("read", "create", "update", "delete"));

    /**
     * Composite scopes (§4.3). tokend uses the "later" {@code workspaces.operate} set (with
     * start/stop) and drops the permissions on resources tokend does not know
     * ({@code provisioner_jobs}, {@code template:view_insights}).
     */
    private static final Map<String, Set<Permission>> COMPOSITES =
            Map.of(
                    "coder:workspaces.create",
                    permissions(
                            TEMPLATE, "read", TEMPLATE, "use",
                            WORKSPACE, "create", WORKSPACE, "update", WORKSPACE, "read"),
                    "coder:workspaces.operate",
                    permissions(
                            WORKSPACE, "read", WORKSPACE, "update",
                            WORKSPACE, "start", WORKSPACE, "stop"),
                    "coder:workspaces.delete",
                    permissions(WORKSPACE, "read", WORKSPACE, "delete"),
                    "coder:workspaces.access",
                    permissions(
                            WORKSPACE, "read", WORKSPACE, "ssh",
                            WORKSPACE, "application_connect"),
                    "coder:templates.build",
                    permissions(TEMPLATE, "read", FILE, "create", FILE, "read"),
                    "coder:templates.author",
                    permissions(
                            TEMPLATE, "read", TEMPLATE, "create", TEMPLATE, "update",
                            TEMPLATE, "delete", FILE, "create", FILE, "read"),
                    "coder:apikeys.manage_self",
                    permissions(
                            API_KEY, "read", API_KEY, "create",
                            API_KEY, "update", API_KEY, "delete"));

    private static final Map<String, Set<Permission>> SPECIALS =
            Map.of(
                    ALL, Set.of(Permission.ALL),
                    APPLICATION_CONNECT,
                    Set.of(new Permission(WORKSPACE, "application_connect")));

    private static final Map<String, String> LEGACY_ALIASES =
            Map.of(LEGACY_ALL, ALL, LEGACY_APPLICATION_CONNECT, APPLICATION_CONNECT);

    /** Every requestable name mapped to its canonical name (§4.3 validity rule). */
    private static final Map<String, String> CANONICAL = buildCanonical();

    private static final List<String> EXTERNAL = List.copyOf(CANONICAL.keySet());

    private static final Set<String> RESOURCE_TYPES =
            Collections.unmodifiableSet(new TreeSet<>(RESOURCES.keySet()));

    private Scopes() {}

    /**
     * The canonical name for a requestable scope name (after trimming), with legacy aliases mapped
     * to their {@code coder:} form; empty for anything else, including the internal
     * {@code no_user_data} and {@code null}.
     */
    public static Optional<String> canonical(String requested) {
        if (requested == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(CANONICAL.get(requested.trim()));
    }

    /**
     * The stored form of a requested scope list (§2.2 K2): canonical names, duplicates removed,
     * sorted. A null or empty list means {@code ["coder:all"]} (§4.3 default).
     *
     * @throws InvalidScopeException for the first name that is not requestable, quoting it as
     *     given
     */
    public static List<String> normalize(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of(ALL);
        }
        TreeSet<String> result = new TreeSet<>();
        for (String name : requested) {
            String canonicalName =
                    canonical(name)
                            .orElseThrow(
                                    () -> new InvalidScopeException(name == null ? "" : name));
            result.add(canonicalName);
        }
        return List.copyOf(result);
    }

    /**
     * The permissions one scope grants (§4.4 step 1). Legacy aliases are accepted; a low-level
     * {@code resource:action} expands to itself.
     *
     * @throws InvalidScopeException when the name is not requestable
     */
    public static Set<Permission> expand(String canonicalScope) {
        Objects.requireNonNull(canonicalScope, "canonicalScope");
        String name = canonical(canonicalScope)
                .orElseThrow(() -> new InvalidScopeException(canonicalScope));
        Set<Permission> special = SPECIALS.get(name);
        if (special != null) {
            return special;
        }
        Set<Permission> composite = COMPOSITES.get(name);
        if (composite != null) {
            return composite;
        }
        int colon = name.indexOf(':');
        return Set.of(new Permission(name.substring(0, colon), name.substring(colon + 1)));
    }

    /**
     * The union of the expansions of {@code scopes} (§4.4 step 2), in {@link Permission} order.
     * An empty collection grants nothing.
     *
     * @throws InvalidScopeException when any name is not requestable
     */
    public static Set<Permission> expandAll(Collection<String> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        TreeSet<Permission> union = new TreeSet<>();
        for (String scope : scopes) {
            union.addAll(expand(Objects.requireNonNull(scope, "scope")));
        }
        return Collections.unmodifiableSortedSet(union);
    }

    /**
     * Every externally requestable name, sorted (§2.3 S1, {@code GET /api/v2/auth/scopes}):
     * specials including legacy aliases, composites, each {@code resource:action} and each
     * {@code resource:*}.
     */
    public static List<String> external() {
        return EXTERNAL;
    }

    /** The public resources and their actions (without {@code *}), for the role truth table. */
    public static Map<String, List<String>> catalog() {
        return RESOURCES;
    }

    /**
     * Whether the caller's scopes include every permission the requested scopes would grant
     * (§4.6 escalation guard, coverage per {@link Permission#covers}).
     *
     * <p>The two sides are read so that misuse fails closed: {@code requestedScopes} is read as
     * {@link #normalize} would read it (null or empty means {@code coder:all}, which a request
     * cannot otherwise express as "nothing"), while {@code callerScopes} is taken literally (empty
     * grants nothing). Callers normally pass stored, already normalised lists.
     *
     * @throws InvalidScopeException when either side holds a name that is not requestable
     */
    public static boolean covers(
            Collection<String> callerScopes, Collection<String> requestedScopes) {
        Objects.requireNonNull(callerScopes, "callerScopes");
        Set<Permission> held = expandAll(callerScopes);
        Collection<String> requested =
                requestedScopes == null || requestedScopes.isEmpty()
                        ? List.of(ALL)
                        : requestedScopes;
        for (Permission wanted : expandAll(requested)) {
            if (held.stream().noneMatch(p -> p.covers(wanted))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The deprecated single {@code scope} field of the {@code APIKey} JSON (§2.2):
     * {@code application_connect} if the scopes contain {@code coder:application_connect} (or its
     * legacy alias), else {@code all} if they contain {@code coder:all} (or {@code all}), else
     * {@code ""}. Null means no scopes.
     */
    public static String legacyProjection(List<String> scopes) {
        if (scopes == null) {
            return "";
        }
        if (scopes.contains(APPLICATION_CONNECT) || scopes.contains(LEGACY_APPLICATION_CONNECT)) {
            return LEGACY_APPLICATION_CONNECT;
        }
        if (scopes.contains(ALL) || scopes.contains(LEGACY_ALL)) {
            return LEGACY_ALL;
        }
        return "";
    }

    /**
     * The RBAC resource types tokend knows, sorted (the catalog's resources, without {@code *});
     * allow-list entries must name one of these or {@code *} (§4.5).
     */
    public static Set<String> resourceTypes() {
        return RESOURCE_TYPES;
    }

    private static Map<String, String> buildCanonical() {
        TreeMap<String, String> names = new TreeMap<>();
        SPECIALS.keySet().forEach(name -> names.put(name, name));
        names.putAll(LEGACY_ALIASES);
        COMPOSITES.keySet().forEach(name -> names.put(name, name));
        RESOURCES.forEach(
                (resource, actions) -> {
                    String wildcard = resource + ":" + Permission.WILDCARD;
                    names.put(wildcard, wildcard);
                    for (String action : actions) {
                        String name = resource + ":" + action;
                        names.put(name, name);
                    }
                });
        return Collections.unmodifiableSortedMap(names);
    }

    /** Builds a permission set from alternating resource, action arguments. */
    private static Set<Permission> permissions(String... resourceActionPairs) {
        List<Permission> result = new ArrayList<>();
        for (int i = 0; i < resourceActionPairs.length; i += 2) {
            result.add(new Permission(resourceActionPairs[i], resourceActionPairs[i + 1]));
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(result));
    }
}
