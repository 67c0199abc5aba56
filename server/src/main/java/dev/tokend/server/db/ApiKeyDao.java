package dev.tokend.server.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Queries on {@code api_keys}; SQL in {@code db/queries/apikeys.sql}. */
@RegisterRowMapper(ApiKeyRow.Mapper.class)
public interface ApiKeyDao {
    @SqlUpdate
    void insertApiKey(@Bind("id") String id, @Bind("hashedSecret") byte[] hashedSecret, @Bind("userId") UUID userId,
            @Bind("now") Instant now, @Bind("expiresAt") Instant expiresAt, @Bind("loginType") String loginType,
            @Bind("lifetimeSeconds") long lifetimeSeconds, @Bind("ipAddress") String ipAddress,
            @Bind("tokenName") String tokenName, @Bind("scopes") String[] scopes,
            @Bind("allowList") String[] allowList, @Bind("slidingExpiry") boolean slidingExpiry,
            @Bind("audience") String audience);

    @SqlQuery
    Optional<ApiKeyRow> getApiKeyById(@Bind("id") String id);

    @SqlUpdate
    int deleteApiKey(@Bind("id") String id);

    @SqlUpdate
    int deleteApiKeysOfUser(@Bind("userId") UUID userId);

    @SqlUpdate
    int deleteApplicationConnectKeysOfUser(@Bind("userId") UUID userId);

    /** A key with its owner's username, for listings. */
    record WithUsername(ApiKeyRow key, String username) {}

    /** Maps {@code api_keys.*} plus a {@code username} column. */
    final class WithUsernameMapper implements org.jdbi.v3.core.mapper.RowMapper<WithUsername> {
        private final ApiKeyRow.Mapper keys = new ApiKeyRow.Mapper();

        @Override
        public WithUsername map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            return new WithUsername(keys.map(rs, ctx), rs.getString("username"));
        }
    }

    @SqlQuery
    @RegisterRowMapper(WithUsernameMapper.class)
    List<WithUsername> listLiveTokensOfUser(@Bind("userId") UUID userId, @Bind("now") Instant now);

    @SqlQuery
    @RegisterRowMapper(WithUsernameMapper.class)
    List<WithUsername> listAllTokensOfUser(@Bind("userId") UUID userId);

    @SqlQuery
    @RegisterRowMapper(WithUsernameMapper.class)
    List<WithUsername> listLiveTokens(@Bind("now") Instant now);

    @SqlQuery
    @RegisterRowMapper(WithUsernameMapper.class)
    List<WithUsername> listAllTokens();

    @SqlQuery
    Optional<ApiKeyRow> getApiKeyByName(@Bind("userId") UUID userId, @Bind("name") String name);

    @SqlQuery
    boolean tokenNameTaken(@Bind("userId") UUID userId, @Bind("name") String name);

    @SqlUpdate
    int expireApiKey(@Bind("id") String id, @Bind("now") Instant now);

    @SqlUpdate
    int updateToken(@Bind("id") String id, @Bind("scopes") String[] scopes, @Bind("allowList") String[] allowList,
            @Bind("expiresAt") Instant expiresAt, @Bind("lifetimeSeconds") long lifetimeSeconds,
            @Bind("now") Instant now);

    @SqlUpdate
    int deleteExpiredApiKeys(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);


    @SqlQuery
    Optional<ApiKeyRow> lockApiKeyById(@Bind("id") String id);

    @SqlQuery
    Optional<ApiKeyRow> lockApiKeyByName(@Bind("userId") UUID userId, @Bind("name") String name);

    @SqlQuery
    boolean apiKeyIsLive(@Bind("id") String id, @Bind("now") Instant now);

    @SqlQuery
    @RegisterRowMapper(PrincipalRow.Mapper.class)
    Optional<PrincipalRow> getPrincipalByKeyId(@Bind("id") String id);

    @SqlQuery
    List<String> allApiKeyIds();

    @org.jdbi.v3.sqlobject.statement.SqlBatch
    void updateApiKeyUsageBatch(@Bind("id") List<String> ids, @Bind("lastUsed") List<Instant> lastUsed,
            @Bind("slidFrom") List<Instant> slidFrom, @Bind("expiresAt") List<Instant> expiresAt,
            @Bind("ipAddress") List<String> ipAddress);

    @SqlQuery
    List<ApiKeyRow> listLiveSessionsOfUser(@Bind("userId") UUID userId, @Bind("now") Instant now);
}
