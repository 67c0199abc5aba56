package dev.tokend.server.db;

import dev.tokend.server.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A row of {@code users}. {@link #toString()} never prints the password hash. */
public record UserRow(
        UUID id,
        String email,
        String username,
        String name,
        String hashedPassword,
        Instant createdAt,
        Instant updatedAt,
        String status,
        List<String> rbacRoles,
        String loginType,
        String avatarUrl,
        boolean deleted,
        Instant lastSeenAt,
        boolean isSystem,
        String themePreference) {

    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
    public static final String DORMANT = "dormant";

    public UserRow {
        rbacRoles = List.copyOf(rbacRoles);
    }

    @Override
    public String toString() {
        return "UserRow[id=" + id + ", username=" + username + ", status=" + status + ", roles=" + rbacRoles + "]";
    }

    /** Maps {@code SELECT users.*}. */
    public static final class Mapper implements RowMapper<UserRow> {
        @Override
        public UserRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new UserRow(
                    rs.getObject("id", UUID.class),
                    rs.getString("email"),
                    rs.getString("username"),
                    rs.getString("name"),
                    new String(rs.getBytes("hashed_password"), java.nio.charset.StandardCharsets.UTF_8),
                    Rows.instant(rs, "created_at"),
                    Rows.instant(rs, "updated_at"),
                    rs.getString("status"),
                    Rows.strings(rs, "rbac_roles"),
                    rs.getString("login_type"),
                    rs.getString("avatar_url"),
                    rs.getBoolean("deleted"),
                    Rows.instant(rs, "last_seen_at"),
                    rs.getBoolean("is_system"),
                    rs.getString("theme_preference"));
        }
    }
}
