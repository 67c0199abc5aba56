package dev.tokend.server.db;

import dev.tokend.server.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A row of {@code api_keys} (spec §1.1). Holds the SHA-256 of the secret, never the secret;
 * {@link #toString()} prints neither.
 */
public record ApiKeyRow(
        String id,
        byte[] hashedSecret,
        UUID userId,
        Instant lastUsed,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        String loginType,
        long lifetimeSeconds,
        String ipAddress,
        String tokenName,
        List<String> scopes,
        List<String> allowList,
        boolean slidingExpiry,
        String audience) {

    public ApiKeyRow {
        audience = audience == null ? "" : audience;
        hashedSecret = hashedSecret.clone();
        scopes = List.copyOf(scopes);
        allowList = List.copyOf(allowList);
    }

    /** A row without an audience (every key but OAuth2 access tokens bound to a resource). */
    public ApiKeyRow(String id, byte[] hashedSecret, UUID userId, Instant lastUsed, Instant expiresAt,
            Instant createdAt, Instant updatedAt, String loginType, long lifetimeSeconds, String ipAddress,
            String tokenName, List<String> scopes, List<String> allowList, boolean slidingExpiry) {
        this(id, hashedSecret, userId, lastUsed, expiresAt, createdAt, updatedAt, loginType, lifetimeSeconds,
                ipAddress, tokenName, scopes, allowList, slidingExpiry, "");
    }

    @Override
    public byte[] hashedSecret() {
        return hashedSecret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKeyRow other && other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKeyRow[id=" + id + ", userId=" + userId + ", loginType=" + loginType + ", tokenName=" + tokenName
                + ", expiresAt=" + expiresAt + "]";
    }

    public static final class Mapper implements RowMapper<ApiKeyRow> {
        @Override
        public ApiKeyRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ApiKeyRow(
                    rs.getString("id"),
                    rs.getBytes("hashed_secret"),
                    rs.getObject("user_id", UUID.class),
                    Rows.instant(rs, "last_used"),
                    Rows.instant(rs, "expires_at"),
                    Rows.instant(rs, "created_at"),
                    Rows.instant(rs, "updated_at"),
                    rs.getString("login_type"),
                    rs.getLong("lifetime_seconds"),
                    rs.getString("ip_address"),
                    rs.getString("token_name"),
                    Rows.strings(rs, "scopes"),
                    Rows.strings(rs, "allow_list"),
                    rs.getBoolean("sliding_expiry"),
                    rs.getString("audience"));
        }
    }
}
