package dev.tokend.server.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A row of {@code user_links} (reference §A.9). The token columns are as stored: plaintext when
 * their key id is null, else ciphertext (see {@code idp.TokenCipher}). {@link #toString()} hides them.
 */
public record UserLinkRow(UUID userId, String loginType, String linkedId, String accessToken,
        String accessTokenKeyId, String refreshToken, String refreshTokenKeyId, Instant expiry, String claims) {
    /** The zero time: an access token without expiry, never refreshed (§B step 2). */
    public static final Instant ZERO_EXPIRY = Instant.parse("0001-01-01T00:00:00Z");

    public boolean expires() {
        return !expiry.equals(ZERO_EXPIRY);
    }

    @Override
    public String toString() {
        return "UserLinkRow[userId=" + userId + ", loginType=" + loginType + ", linkedId=" + linkedId + ", expiry="
                + expiry + "]";
    }

    /** Maps {@code SELECT user_links.*}. */
    public static final class Mapper implements RowMapper<UserLinkRow> {
        @Override
        public UserLinkRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new UserLinkRow(rs.getObject("user_id", UUID.class), rs.getString("login_type"),
                    rs.getString("linked_id"), rs.getString("oauth_access_token"),
                    rs.getString("oauth_access_token_key_id"), rs.getString("oauth_refresh_token"),
                    rs.getString("oauth_refresh_token_key_id"), Rows.instant(rs, "oauth_expiry"),
                    rs.getString("claims"));
        }
    }
}
