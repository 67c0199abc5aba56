package dev.tokend.server.store;

import dev.tokend.server.rbac.Action;
import dev.tokend.server.rbac.Authorizer;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.Subject;

import dev.tokend.server.error.ApiError;
import java.util.Objects;

/**
 * Handler-facing helpers over the {@link Authorizer}: a denied read is the same 404 as a missing
 * row (spec §2.0), a denied write is 403 {@code Forbidden.}.
 */
public final class Authz {
    private final Authorizer authorizer;

    public Authz(Authorizer authorizer) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    public boolean can(Subject subject, Action action, RbacObject object) {
        return authorizer.authorize(subject, action, object);
    }

    /** 404 (existence hidden) unless allowed. */
    public void requireRead(Subject subject, RbacObject object) {
        if (!authorizer.authorize(subject, Action.READ, object)) {
            throw ApiError.notFound();
        }
    }

    /** 403 {@code Forbidden.} unless allowed. */
    public void require(Subject subject, Action action, RbacObject object) {
        if (!authorizer.authorize(subject, action, object)) {
            throw ApiError.forbidden();
        }
    }
}
