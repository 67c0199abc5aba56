package dev.tokend.server.api;

import dev.tokend.server.audit.AuditDescriptions;
import dev.tokend.server.audit.AuditQuery;
import dev.tokend.server.audit.AuditQueryParser;
import dev.tokend.server.audit.InvalidAuditQueryException;
import dev.tokend.server.db.AuditDao;
import dev.tokend.server.db.AuditRow;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tokend.sdk.TokendJson;
import dev.tokend.sdk.model.AuditDiffField;
import dev.tokend.sdk.model.AuditLog;
import dev.tokend.sdk.model.AuditLogResponse;
import dev.tokend.sdk.model.User;
import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.QueryParams;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.rbac.Action;
import dev.tokend.server.store.Authz;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.api.UserViews;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** {@code GET /api/v2/audit?q=&limit=&offset=} (reference §2.4): owners and auditors only. */
public final class AuditApi {
    static final String INVALID_QUERY = "Invalid audit search query.";

    private final Jdbi jdbi;
    private final Authz authz;

    public AuditApi(Jdbi jdbi, Authz authz) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.authz = Objects.requireNonNull(authz);
    }

    public void list(ServerRequest req, ServerResponse res) {
        Authenticated auth = ApiKeyMiddleware.required(req);
        authz.require(auth.subject(), Action.READ, new RbacObject(RbacObject.AUDIT_LOG, "", null, null));
        AuditQuery q;
        try {
            q = AuditQueryParser.parse(req.query().first("q").orElse(""));
        } catch (InvalidAuditQueryException e) {
            throw ApiError.validation(INVALID_QUERY, e.validations());
        }
        long limit = QueryParams.pageLimit(req, "limit");
        long offset = QueryParams.nonNegative(req, "offset");
        // "username:me" is the caller.
        UUID actor = q.username().filter("me"::equalsIgnoreCase).map(u -> auth.user().id()).orElse(null);
        String username = actor != null ? null : q.username().orElse(null);
        AuditLogResponse page = jdbi.withHandle(h -> {
            AuditDao dao = h.attach(AuditDao.class);
            List<AuditRow> rows = dao.queryAuditLogs(q.resourceType().orElse(null), q.resourceId().orElse(null),
                    q.resourceTarget().orElse(null), q.action().orElse(null), actor, username, q.email().orElse(null),
                    q.fromInclusive().orElse(null), q.toExclusive().orElse(null), q.requestId().orElse(null),
                    q.organization().orElse(null), limit, offset);
            long count = dao.countAuditLogs(q.resourceType().orElse(null), q.resourceId().orElse(null),
                    q.resourceTarget().orElse(null), q.action().orElse(null), actor, username, q.email().orElse(null),
                    q.fromInclusive().orElse(null), q.toExclusive().orElse(null), q.requestId().orElse(null),
                    q.organization().orElse(null));
            Map<UUID, User> actors = actors(h, rows);
            return new AuditLogResponse(rows.stream().map(r -> toApi(r, actors.get(r.userId()))).toList(), count);
        });
        Http.json(res, 200, page);
    }

    private static Map<UUID, User> actors(org.jdbi.v3.core.Handle h, List<AuditRow> rows) {
        Set<UUID> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(r.userId()));
        UserDao dao = h.attach(UserDao.class);
        List<UserRow> users = ids.stream().map(dao::getUserById).flatMap(Optional::stream).toList();
        Map<UUID, User> byId = new HashMap<>();
        UserViews.load(h, users).forEach(u -> byId.put(u.id(), u));
        return byId;
    }

    private static AuditLog toApi(AuditRow r, User actor) {
        String description = AuditDescriptions.describe(r.action(), r.resourceType(), r.resourceTarget(),
                r.statusCode()).replace("{target}", r.resourceTarget());
        return new AuditLog(r.id(), r.requestId(), r.time(), r.ip() == null ? "" : r.ip(), r.userAgent(),
                r.resourceType(), r.resourceId(), r.resourceTarget(), r.resourceIcon(), r.action(),
                read(r.diff(), new TypeReference<Map<String, AuditDiffField>>() {}), r.statusCode(),
                read(r.additionalFields(), new TypeReference<Map<String, Object>>() {}), description, "",
                r.resourceDeleted(), r.organizationId(), actor);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return TokendJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
