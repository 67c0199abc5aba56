package dev.tokend.server.db;

import dev.tokend.server.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of {@code audit_logs} as queried (diff and additional fields as JSON text). */
public record AuditRow(UUID id, Instant time, UUID userId, UUID organizationId, String ip, String userAgent,
        String resourceType, UUID resourceId, String resourceTarget, String action, String diff, int statusCode,
        String additionalFields, UUID requestId, String resourceIcon, boolean resourceDeleted) {

    public static final class Mapper implements RowMapper<AuditRow> {
        @Override
        public AuditRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AuditRow(
                    rs.getObject("id", UUID.class),
                    Rows.instant(rs, "time"),
                    rs.getObject("user_id", UUID.class),
                    rs.getObject("organization_id", UUID.class),
                    rs.getString("ip"),
                    rs.getString("user_agent"),
                    rs.getString("resource_type"),
                    rs.getObject("resource_id", UUID.class),
                    rs.getString("resource_target"),
                    rs.getString("action"),
                    rs.getString("diff"),
                    rs.getInt("status_code"),
                    rs.getString("additional_fields"),
                    rs.getObject("request_id", UUID.class),
                    rs.getString("resource_icon"),
                    rs.getBoolean("resource_deleted"));
        }
    }
}
