package dev.tokend.server.rbac;

/**
 * Interim authorizer: fixed role checks that mirror the reference's built-in roles for the
 * resources tokend serves (spec §2.0, §4.2), intersected with the API key's scopes and allow list
 * (§4.4): a request is allowed only if the roles allow it, some scope permission matches the
 * object's type and action, and the allow list includes the object. Scopes and allow lists only
 * ever narrow. Replaced by the RBAC engine (issue "Authorization") behind {@link Authorizer}.
 */
public final class RoleAuthorizer implements Authorizer {

    @Override
    public boolean authorize(Subject subject, Action action, RbacObject object) {
        return rolesAllow(subject, action, object)
                && Scopes.expandAll(subject.scopes()).stream().anyMatch(p -> p.matches(object.type(), action.wireName()))
                && AllowList.permits(subject.allowList(), object.type(), object.id());
    }

    private static boolean rolesAllow(Subject subject, Action action, RbacObject object) {
        if (subject.hasSiteRole(SystemSubjects.PURGE_ROLE)) {
            return object.type().equals(RbacObject.API_KEY) && action == Action.DELETE;
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
