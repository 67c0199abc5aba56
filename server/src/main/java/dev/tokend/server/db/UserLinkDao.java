package dev.tokend.server.db;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Queries on {@code user_links} and the user columns an IdP login writes; SQL in
 * {@code db/queries/userlinks.sql}. An {@code expiry} of null stores the zero time.
 */
@RegisterRowMapper(UserLinkRow.Mapper.class)
public interface UserLinkDao {
    @SqlQuery
    Optional<UserLinkRow> getUserLinkByLinkedId(@Bind("linkedId") String linkedId);

    @SqlQuery
    Optional<UserLinkRow> getUserLink(@Bind("userId") UUID userId, @Bind("loginType") String loginType);

    @SqlQuery
    Optional<UserLinkRow> lockUserLink(@Bind("userId") UUID userId, @Bind("loginType") String loginType);

    @SqlUpdate
    void insertUserLink(@Bind("userId") UUID userId, @Bind("loginType") String loginType,
            @Bind("linkedId") String linkedId, @Bind("accessToken") String accessToken,
            @Bind("accessTokenKeyId") String accessTokenKeyId, @Bind("refreshToken") String refreshToken,
            @Bind("refreshTokenKeyId") String refreshTokenKeyId, @Bind("expiry") Instant expiry,
            @Bind("claims") String claims);

    @SqlUpdate
    int updateUserLinkLogin(@Bind("userId") UUID userId, @Bind("loginType") String loginType,
            @Bind("accessToken") String accessToken, @Bind("accessTokenKeyId") String accessTokenKeyId,
            @Bind("refreshToken") String refreshToken, @Bind("refreshTokenKeyId") String refreshTokenKeyId,
            @Bind("expiry") Instant expiry, @Bind("claims") String claims);

    @SqlUpdate
    int updateUserLinkTokens(@Bind("userId") UUID userId, @Bind("loginType") String loginType,
            @Bind("accessToken") String accessToken, @Bind("accessTokenKeyId") String accessTokenKeyId,
            @Bind("refreshToken") String refreshToken, @Bind("refreshTokenKeyId") String refreshTokenKeyId,
            @Bind("expiry") Instant expiry);

    @SqlUpdate
    int updateUserFromIdp(@Bind("id") UUID id, @Bind("email") String email, @Bind("name") String name,
            @Bind("avatarUrl") String avatarUrl, @Bind("now") Instant now);

    @SqlUpdate
    int updateUserLoginType(@Bind("id") UUID id, @Bind("loginType") String loginType, @Bind("now") Instant now);

    @SqlUpdate
    int updateUserGithubComUserId(@Bind("id") UUID id, @Bind("githubId") long githubId);

    @SqlQuery
    boolean usernameTaken(@Bind("username") String username);
}
