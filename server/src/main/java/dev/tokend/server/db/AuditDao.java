package dev.tokend.server.db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Queries on {@code audit_logs}; SQL in {@code db/queries/audit.sql}. */
@RegisterRowMapper(AuditRow.Mapper.class)
public interface AuditDao {
    @SqlUpdate
    void insertAuditLog(@Bind("id") UUID id, @Bind("time") Instant time, @Bind("userId") UUID userId,
            @Bind("organizationId") UUID organizationId, @Bind("ip") String ip, @Bind("userAgent") String userAgent,
            @Bind("resourceType") String resourceType, @Bind("resourceId") UUID resourceId,
            @Bind("resourceTarget") String resourceTarget, @Bind("action") String action, @Bind("diff") String diff,
            @Bind("statusCode") int statusCode, @Bind("additionalFields") String additionalFields,
            @Bind("requestId") UUID requestId);

    @SqlQuery
    List<AuditRow> queryAuditLogs(@Bind("resourceType") String resourceType, @Bind("resourceId") UUID resourceId,
            @Bind("resourceTarget") String resourceTarget, @Bind("action") String action,
            @Bind("userId") UUID userId, @Bind("username") String username, @Bind("email") String email,
            @Bind("dateFrom") Instant dateFrom, @Bind("dateTo") Instant dateTo, @Bind("requestId") UUID requestId,
            @Bind("organization") String organization, @Bind("limit") long limit, @Bind("offset") long offset);

    @SqlQuery
    long countAuditLogs(@Bind("resourceType") String resourceType, @Bind("resourceId") UUID resourceId,
            @Bind("resourceTarget") String resourceTarget, @Bind("action") String action,
            @Bind("userId") UUID userId, @Bind("username") String username, @Bind("email") String email,
            @Bind("dateFrom") Instant dateFrom, @Bind("dateTo") Instant dateTo, @Bind("requestId") UUID requestId,
            @Bind("organization") String organization);
}
