package dev.tokend.server.db;

import dev.tokend.server.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of {@code organization_members}: the explicit organization roles of a user in one organization. */
public record Membership(UUID userId, UUID organizationId, List<String> roles) {
    public Membership {
        roles = List.copyOf(roles);
    }

    public static final class Mapper implements RowMapper<Membership> {
        @Override
        public Membership map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Membership(
                    rs.getObject("user_id", UUID.class),
                    rs.getObject("organization_id", UUID.class),
                    Rows.strings(rs, "roles"));
        }
    }
}
