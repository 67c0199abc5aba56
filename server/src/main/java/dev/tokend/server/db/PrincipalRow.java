package dev.tokend.server.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * What the validator loads on a cache miss, in one query: a key, its live user (absent when the
 * user is deleted) and the user's memberships. The user carries no password hash (an empty string).
 */
public record PrincipalRow(ApiKeyRow key, Optional<UserRow> user, List<Membership> memberships) {
    public PrincipalRow {
        memberships = List.copyOf(memberships);
    }

    /** Maps {@code getPrincipalByKeyId}. */
    public static final class Mapper implements RowMapper<PrincipalRow> {
        private final ApiKeyRow.Mapper keys = new ApiKeyRow.Mapper();

        @Override
        public PrincipalRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            ApiKeyRow key = keys.map(rs, ctx);
            if (!rs.getBoolean("user_found")) {
                return new PrincipalRow(key, Optional.empty(), List.of());
            }
            UserRow user = new UserRow(key.userId(), rs.getString("u_email"), rs.getString("u_username"),
                    rs.getString("u_name"), "", Rows.instant(rs, "u_created_at"), Rows.instant(rs, "u_updated_at"),
                    rs.getString("u_status"), Rows.strings(rs, "u_rbac_roles"), rs.getString("u_login_type"),
                    rs.getString("u_avatar_url"), false, Rows.instant(rs, "u_last_seen_at"),
                    rs.getBoolean("u_is_system"), rs.getString("u_theme_preference"));
            List<Membership> memberships = new ArrayList<>();
            for (String m : Rows.strings(rs, "u_memberships")) {
                int bar = m.indexOf('|');
                String roles = m.substring(bar + 1);
                memberships.add(new Membership(key.userId(), UUID.fromString(m.substring(0, bar)),
                        roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","))));
            }
            return new PrincipalRow(key, Optional.of(user), memberships);
        }
    }
}
