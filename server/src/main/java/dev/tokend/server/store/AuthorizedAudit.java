package dev.tokend.server.store;

import dev.tokend.server.audit.AuditQuery;
import dev.tokend.server.auth.Actor;
import dev.tokend.server.db.AuditDao;
import dev.tokend.server.db.AuditRow;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.Subject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The authorizing way to the audit log (reference §2.4): owners and auditors read it; nobody writes it but the store. */
public final class AuthorizedAudit {
    private final Jdbi jdbi;
    private final Authz authz;

    AuthorizedAudit(Jdbi jdbi, Authz authz) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
    }

    /** One page of matching rows, the total count, and the actors of the page's rows (by user id). */
    public record Page(List<AuditRow> rows, long count, Map<UUID, AuthorizedUsers.UserDetails> actors) {}

    /** Authorizes the reader first, then runs {@code parse} (the handler's reading of the query). */
    public Page query(Actor actor, java.util.function.Supplier<AuditQuery> parse, long limit, long offset) {
        Subject subject = actor.subject().orElseThrow(ApiError::forbidden);
        authz.require(subject, Action.READ, new RbacObject(RbacObject.AUDIT_LOG, "", null, null));
        AuditQuery q = parse.get();
        // "username:me" is the caller.
        UUID me = q.username().filter("me"::equalsIgnoreCase).map(u -> subject.userId()).orElse(null);
        String username = me != null ? null : q.username().orElse(null);
        return jdbi.withHandle(h -> {
            AuditDao dao = h.attach(AuditDao.class);
            List<AuditRow> rows = dao.queryAuditLogs(q.resourceType().orElse(null), q.resourceId().orElse(null),
                    q.resourceTarget().orElse(null), q.action().orElse(null), me, username, q.email().orElse(null),
                    q.fromInclusive().orElse(null), q.toExclusive().orElse(null), q.requestId().orElse(null),
                    q.organization().orElse(null), limit, offset);
            long count = dao.countAuditLogs(q.resourceType().orElse(null), q.resourceId().orElse(null),
                    q.resourceTarget().orElse(null), q.action().orElse(null), me, username, q.email().orElse(null),
                    q.fromInclusive().orElse(null), q.toExclusive().orElse(null), q.requestId().orElse(null),
                    q.organization().orElse(null));
            Set<UUID> ids = new LinkedHashSet<>();
            rows.forEach(r -> ids.add(r.userId()));
            Map<UUID, AuthorizedUsers.UserDetails> actors = new HashMap<>();
            AuthorizedUsers.detailsOf(h, ids).forEach(d -> actors.put(d.user().id(), d));
            return new Page(rows, count, actors);
        });
    }
}
