package dev.tokend.server.rbac;


/**
 * The one authorization decision point. Handlers never inspect roles themselves; they ask this
 * (usually through the store's {@code Authz}). {@link RbacEngine} implements it.
 */
public interface Authorizer {
    /** Whether {@code subject} may perform {@code action} on {@code object}. Fails closed. */
    boolean authorize(Subject subject, Action action, RbacObject object);
}
