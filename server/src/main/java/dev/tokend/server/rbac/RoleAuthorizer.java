package dev.tokend.server.rbac;

import java.util.List;

/**
 * Interim authorizer: fixed role checks that mirror the reference's built-in roles for the
 * resources the foundation serves (spec §2.0, §4.2). Scopes narrow only as far as the foundation
 * needs: a key must carry {@code coder:all} (or its legacy alias {@code all}) to act at all, which
 * is what every key minted so far carries. Replaced by the RBAC engine in a later issue.
 */
public final class RoleAuthorizer implements Authorizer {
    private static final List<String> UNRESTRICTED_SCOPES = List.of("coder:all", "all");

    @Override
    public boolean authorize(Subject subject, Action action, RbacObject object) {
        if (subject.scopes().stream().noneMatch(UNRESTRICTED_SCOPES::contains)
                || !subject.allowList().contains("*:*")) {
            return false; // fail closed until scopes and allow lists are enforced by the RBAC engine
        }
        if (subject.hasSiteRole(Roles.OWNER)) {
            return true;
        }
        boolean own = object.ownerId() != null && object.ownerId().equals(subject.userId());
        return switch (object.type()) {
            case RbacObject.USER -> switch (action) {
                case READ, READ_PERSONAL -> own || subject.hasSiteRole(Roles.USER_ADMIN)
                        || subject.hasSiteRole(Roles.AUDITOR) || subject.hasSiteRole(Roles.TEMPLATE_ADMIN);
                case UPDATE_PERSONAL -> own || subject.hasSiteRole(Roles.USER_ADMIN);
                case CREATE, UPDATE, DELETE -> subject.hasSiteRole(Roles.USER_ADMIN);
                default -> false;
            };
            // Members act on their own keys only; no other built-in role has api_key rights (§4.2).
            case RbacObject.API_KEY -> own;
            // A user-admin may hand out every site role except owner (no escalation to owner).
            case RbacObject.ASSIGN_ROLE -> subject.hasSiteRole(Roles.USER_ADMIN)
                    && (action == Action.ASSIGN || action == Action.UNASSIGN)
                    && !Roles.OWNER.equals(object.id());
            case RbacObject.ORGANIZATION -> action == Action.READ
                    && object.orgId() != null && subject.orgRoles().containsKey(object.orgId());
            case RbacObject.AUDIT_LOG -> action == Action.READ && subject.hasSiteRole(Roles.AUDITOR);
            default -> false;
        };
    }
}
