package dev.tokend.server.api;

import dev.tokend.server.audit.AuditDescriptions;
import dev.tokend.server.audit.AuditQuery;
import dev.tokend.server.audit.AuditQueryParser;
import dev.tokend.server.audit.InvalidAuditQueryException;
import dev.tokend.server.db.AuditRow;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tokend.sdk.TokendJson;
import dev.tokend.sdk.model.AuditDiffField;
import dev.tokend.sdk.model.AuditLog;
import dev.tokend.sdk.model.AuditLogResponse;
import dev.tokend.sdk.model.User;
import dev.tokend.server.error.ApiError;
import dev.tokend.server.http.Http;
import dev.tokend.server.http.QueryParams;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.store.AuthorizedAudit;
import dev.tokend.server.store.AuthorizedUsers;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code GET /api/v2/audit?q=&limit=&offset=} (reference §2.4): owners and auditors only. */
public final class AuditApi {
    static final String INVALID_QUERY = "Invalid audit search query.";

    private final AuthorizedAudit audit;

    public AuditApi(AuthorizedAudit audit) {
        this.audit = Objects.requireNonNull(audit);
    }

    public void list(ServerRequest req, ServerResponse res) {
        long limit = QueryParams.pageLimit(req, "limit");
        long offset = QueryParams.nonNegative(req, "offset");
        // The query is parsed after the permission check, so an unauthorised reader learns nothing from it.
        AuthorizedAudit.Page page = audit.query(ApiKeyMiddleware.actor(req),
                () -> parseQuery(req.query().first("q").orElse("")), limit, offset);
        List<AuditLog> logs = page.rows().stream().map(r -> toApi(r, page.actors().get(r.userId()))).toList();
        Http.json(res, 200, new AuditLogResponse(logs, page.count()));
    }

    /** The query language (reference §2.4); 400 with the API's validations. Shared with the audit page. */
    public static AuditQuery parseQuery(String q) {
        try {
            return AuditQueryParser.parse(q);
        } catch (InvalidAuditQueryException e) {
            throw ApiError.validation(INVALID_QUERY, e.validations());
        }
    }

    /** A row as the API shows it (description, diff, actor); the audit page renders the same value. */
    public static AuditLog toApi(AuditRow r, AuthorizedUsers.UserDetails actorOrNull) {
        User actor = actorOrNull == null ? null : UserViews.toApi(actorOrNull);
        String description = AuditDescriptions.describe(r.action(), r.resourceType(), r.resourceTarget(),
                r.statusCode()).replace("{target}", r.resourceTarget());
        return new AuditLog(r.id(), r.requestId(), r.time(), r.ip() == null ? "" : r.ip(), r.userAgent(),
                r.resourceType(), r.resourceId(), r.resourceTarget(), r.resourceIcon(), r.action(),
                read(r.diff(), new TypeReference<Map<String, AuditDiffField>>() {}), r.statusCode(),
                read(r.additionalFields(), new TypeReference<Map<String, Object>>() {}), description,
                AuditDescriptions.resourceLink(r.resourceType(), r.resourceTarget(), r.resourceId()),
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
