package dev.tokend.server.apikey;

import java.time.Instant;
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
            @Bind("allowList") String[] allowList, @Bind("slidingExpiry") boolean slidingExpiry);

    @SqlQuery
    Optional<ApiKeyRow> getApiKeyById(@Bind("id") String id);

    @SqlUpdate
    int deleteApiKey(@Bind("id") String id);

    @SqlUpdate
    int deleteApiKeysOfUser(@Bind("userId") UUID userId);

    @SqlUpdate
    int deleteApplicationConnectKeysOfUser(@Bind("userId") UUID userId);

    @SqlUpdate
    int updateApiKeyUsage(@Bind("id") String id, @Bind("lastUsed") Instant lastUsed,
            @Bind("expiresAt") Instant expiresAt, @Bind("ipAddress") String ipAddress);
}
