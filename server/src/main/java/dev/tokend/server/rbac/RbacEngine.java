package dev.tokend.server.rbac;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The authorization engine (reference §4.4): a request may perform {@code action} on an object iff
 * <ol>
 *   <li>a role of the subject grants it at the site level, at the org level for the object's
 *       organization, or at the user level when the subject owns the object ({@link RoleCatalog});
 *   <li>some permission of the key's scopes matches the object's type and action; and
 *   <li>the key's allow list admits the object.
 * </ol>
 * Scopes and allow lists only ever narrow. Everything unknown is denied.
 *
 * <p>Each subject is compiled once into lookup maps ({@link Compiled}) and cached, so a decision
 * is a few hash lookups (measured in {@code bench/}). A subject is a value (user, roles, scopes,
 * allow list), so a changed role or key yields a different cache entry.
 */
public final class RbacEngine implements Authorizer {
    private final Cache<Subject, Compiled> compiled = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    @Override
    public boolean authorize(Subject subject, Action action, RbacObject object) {
        return authorize(subject, action.wireName(), object);
    }

    /** The decision for an action given by name (the authcheck API accepts every catalog action). */
    public boolean authorize(Subject subject, String action, RbacObject object) {
        return compile(subject).allows(subject, action, object);
    }

    /** The compiled form of {@code subject} (cached). */
    public Compiled compile(Subject subject) {
        return compiled.get(subject, Compiled::of);
    }

    /** A subject's roles, scopes and allow list turned into lookup maps. */
    public static final class Compiled {
        private final Grants site;
        private final Grants own;
        private final Map<UUID, Grants> org;
        private final Grants scopes;
        private final List<AllowList.Entry> allowList;
        private final boolean allowAll;

        private Compiled(Grants site, Grants own, Map<UUID, Grants> org, Grants scopes,
                List<AllowList.Entry> allowList) {
            this.site = site;
            this.own = own;
            this.org = org;
            this.scopes = scopes;
            this.allowList = allowList;
            this.allowAll = allowList.stream().anyMatch(e -> e.type().equals("*") && e.id().equals("*"));
        }

        static Compiled of(Subject subject) {
            Set<Permission> site = new HashSet<>();
            Set<Permission> own = new HashSet<>();
            for (String role : subject.siteRoles()) {
                RoleCatalog.role(role).ifPresent(d -> {
                    site.addAll(d.site());
                    own.addAll(d.user());
                });
            }
            Map<UUID, Grants> org = new HashMap<>();
            subject.orgRoles().forEach((orgId, roles) -> {
                Set<Permission> granted = new HashSet<>();
                roles.forEach(r -> RoleCatalog.role(r).ifPresent(d -> granted.addAll(d.org())));
                org.put(orgId, Grants.of(granted));
            });
            Set<Permission> scoped;
            try {
                scoped = Scopes.expandAll(subject.scopes());
            } catch (InvalidScopeException e) {
                scoped = Set.of(); // an unknown stored scope grants nothing (fail closed)
            }
            return new Compiled(Grants.of(site), Grants.of(own), Map.copyOf(org), Grants.of(scoped),
                    AllowList.entries(subject.allowList()));
        }

        boolean allows(Subject subject, String action, RbacObject object) {
            String type = object.type();
            boolean roles = site.allows(type, action)
                    || (object.ownerId() != null && object.ownerId().equals(subject.userId()) && own.allows(type, action))
                    || (object.orgId() != null && org.getOrDefault(object.orgId(), Grants.NONE).allows(type, action));
            if (!roles || !scopes.allows(type, action)) {
                return false;
            }
            if (type.equals(RbacObject.ASSIGN_ROLE) && !canAssign(subject, object.id())) {
                return false;
            }
            if (allowAll) {
                return true;
            }
            String id = object.id().toLowerCase(java.util.Locale.ROOT); // entries are stored lower case
            return allowList.stream().anyMatch(e -> e.covers(type, id));
        }

        /** Roles can only be handed out by roles whose assignable list names them (no escalation). */
        private static boolean canAssign(Subject subject, String role) {
            return subject.siteRoles().stream().map(RoleCatalog::role).flatMap(java.util.Optional::stream)
                    .anyMatch(d -> d.assignableRoles().contains(role));
        }
    }

    /** A permission set as resource → actions, with {@code *} on either side. */
    record Grants(Map<String, Set<String>> byResource) {
        static final Grants NONE = new Grants(Map.of());

        static Grants of(Set<Permission> permissions) {
            Map<String, Set<String>> map = new HashMap<>();
            for (Permission p : permissions) {
                map.computeIfAbsent(p.resource(), k -> new HashSet<>()).add(p.action());
            }
            Map<String, Set<String>> frozen = new HashMap<>();
            map.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
            return new Grants(Map.copyOf(frozen));
        }

        boolean allows(String type, String action) {
            return matches(byResource.get(type), action) || matches(byResource.get("*"), action);
        }

        private static boolean matches(Set<String> actions, String action) {
            return actions != null && (actions.contains(action) || actions.contains("*"));
        }
    }
}
