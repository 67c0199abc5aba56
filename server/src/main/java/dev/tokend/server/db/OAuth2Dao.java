package dev.tokend.server.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Queries on the OAuth2 tables; SQL in {@code db/queries/oauth2.sql}. */
@RegisterRowMapper(OAuth2Rows.AppMapper.class)
@RegisterRowMapper(OAuth2Rows.SecretMapper.class)
@RegisterRowMapper(OAuth2Rows.CodeMapper.class)
@RegisterRowMapper(OAuth2Rows.RefreshMapper.class)
@RegisterRowMapper(OAuth2Rows.AccessTokenMapper.class)
@RegisterRowMapper(OAuth2Rows.DeviceMapper.class)
@RegisterRowMapper(OAuth2Rows.AuthorizedMapper.class)
public interface OAuth2Dao {
    // ---- apps ----
    @SqlUpdate
    void insertOAuth2App(@Bind("id") UUID id, @Bind("now") Instant now, @Bind("name") String name,
            @Bind("icon") String icon, @Bind("redirectUris") String[] redirectUris,
            @Bind("clientType") String clientType, @Bind("dynamic") boolean dynamic,
            @Bind("grantTypes") String[] grantTypes, @Bind("scopes") String[] scopes,
            @Bind("authMethod") String authMethod, @Bind("clientUri") String clientUri,
            @Bind("logoUri") String logoUri, @Bind("contacts") String[] contacts,
            @Bind("softwareId") String softwareId, @Bind("softwareVersion") String softwareVersion,
            @Bind("createdBy") UUID createdBy, @Bind("registrationTokenId") String registrationTokenId,
            @Bind("registrationTokenHash") byte[] registrationTokenHash, @Bind("registeredFrom") String registeredFrom);

    @SqlQuery
    Optional<OAuth2Rows.App> getOAuth2App(@Bind("id") UUID id);

    @SqlQuery
    Optional<OAuth2Rows.App> getOAuth2AppByRegistrationToken(@Bind("tokenId") String tokenId);

    @SqlQuery
    List<OAuth2Rows.App> listOAuth2Apps();

    @SqlUpdate
    int updateOAuth2App(@Bind("id") UUID id, @Bind("now") Instant now, @Bind("name") String name,
            @Bind("icon") String icon, @Bind("redirectUris") String[] redirectUris,
            @Bind("grantTypes") String[] grantTypes, @Bind("scopes") String[] scopes,
            @Bind("clientUri") String clientUri, @Bind("logoUri") String logoUri,
            @Bind("contacts") String[] contacts);

    @SqlUpdate
    int deleteOAuth2App(@Bind("id") UUID id);

    @SqlQuery
    List<String> deleteApiKeysOfOAuth2App(@Bind("appId") UUID appId);

    @SqlQuery
    int lockOAuth2RegistrationSource(@Bind("key") String key);

    @SqlQuery
    int countOAuth2AppsRegisteredFrom(@Bind("source") String source, @Bind("since") Instant since);

    // ---- secrets ----
    @SqlUpdate
    void insertOAuth2AppSecret(@Bind("id") String id, @Bind("appId") UUID appId,
            @Bind("hashedSecret") byte[] hashedSecret, @Bind("displaySecret") String displaySecret,
            @Bind("now") Instant now);

    @SqlQuery
    List<OAuth2Rows.Secret> listOAuth2AppSecrets(@Bind("appId") UUID appId);

    @SqlQuery
    Optional<OAuth2Rows.Secret> getOAuth2AppSecret(@Bind("id") String id);

    @SqlUpdate
    int deleteOAuth2AppSecret(@Bind("appId") UUID appId, @Bind("id") String id);

    @SqlUpdate
    int touchOAuth2AppSecret(@Bind("id") String id, @Bind("now") Instant now);

    // ---- codes ----
    @SqlUpdate
    void insertOAuth2Code(@Bind("id") String id, @Bind("hashedSecret") byte[] hashedSecret,
            @Bind("appId") UUID appId, @Bind("userId") UUID userId, @Bind("now") Instant now,
            @Bind("expiresAt") Instant expiresAt, @Bind("redirectUri") String redirectUri,
            @Bind("resource") String resource, @Bind("codeChallenge") String codeChallenge,
            @Bind("scopes") String[] scopes);

    @SqlQuery
    Optional<OAuth2Rows.Code> getOAuth2Code(@Bind("id") String id);

    @SqlQuery
    Optional<OAuth2Rows.Code> consumeOAuth2Code(@Bind("id") String id, @Bind("familyId") UUID familyId);

    @SqlQuery
    Optional<OAuth2Rows.Code> lockOAuth2Code(@Bind("id") String id);

    @SqlUpdate
    int deleteOAuth2CodesOf(@Bind("appId") UUID appId, @Bind("userId") UUID userId);

    @SqlUpdate
    int deleteUnusedOAuth2CodesOf(@Bind("appId") UUID appId, @Bind("userId") UUID userId);

    // ---- refresh tokens ----
    @SqlUpdate
    void insertOAuth2RefreshToken(@Bind("id") String id, @Bind("hashedSecret") byte[] hashedSecret,
            @Bind("appId") UUID appId, @Bind("userId") UUID userId, @Bind("familyId") UUID familyId,
            @Bind("apiKeyId") String apiKeyId, @Bind("audience") String audience, @Bind("scopes") String[] scopes,
            @Bind("now") Instant now, @Bind("expiresAt") Instant expiresAt);

    @SqlQuery
    Optional<OAuth2Rows.Refresh> getOAuth2RefreshToken(@Bind("id") String id);

    @SqlQuery
    Optional<OAuth2Rows.Refresh> lockOAuth2RefreshToken(@Bind("id") String id);

    @SqlUpdate
    int markOAuth2RefreshRotated(@Bind("id") String id, @Bind("now") Instant now, @Bind("replacedBy") String replacedBy);

    @SqlUpdate
    int revokeOAuth2RefreshToken(@Bind("id") String id, @Bind("now") Instant now);

    @SqlQuery
    List<String> deleteApiKeysOfOAuth2Family(@Bind("familyId") UUID familyId);

    @SqlUpdate
    int revokeOAuth2RefreshFamily(@Bind("familyId") UUID familyId, @Bind("now") Instant now);

    // ---- access tokens ----
    @SqlUpdate
    void insertOAuth2AccessToken(@Bind("apiKeyId") String apiKeyId, @Bind("appId") UUID appId,
            @Bind("userId") UUID userId, @Bind("familyId") UUID familyId, @Bind("grantType") String grantType,
            @Bind("now") Instant now);

    @SqlQuery
    Optional<OAuth2Rows.AccessToken> getOAuth2AccessToken(@Bind("apiKeyId") String apiKeyId);

    // ---- a user's grants ----
    @SqlQuery
    List<String> deleteApiKeysOfOAuth2AppUser(@Bind("appId") UUID appId, @Bind("userId") UUID userId);

    @SqlUpdate
    int revokeOAuth2RefreshOfAppUser(@Bind("appId") UUID appId, @Bind("userId") UUID userId,
            @Bind("now") Instant now);

    @SqlQuery
    List<OAuth2Rows.Authorized> listOAuth2AppsAuthorizedBy(@Bind("userId") UUID userId, @Bind("now") Instant now);

    // ---- device codes ----
    @SqlUpdate
    void insertOAuth2DeviceCode(@Bind("id") String id, @Bind("hashedSecret") byte[] hashedSecret,
            @Bind("userCode") String userCode, @Bind("appId") UUID appId, @Bind("scopes") String[] scopes,
            @Bind("resource") String resource, @Bind("now") Instant now, @Bind("expiresAt") Instant expiresAt,
            @Bind("interval") int interval);

    @SqlQuery
    Optional<OAuth2Rows.Device> lockOAuth2DeviceCode(@Bind("id") String id);

    @SqlQuery
    Optional<OAuth2Rows.Device> lockOAuth2DeviceCodeByUserCode(@Bind("userCode") String userCode);

    @SqlUpdate
    int decideOAuth2DeviceCode(@Bind("id") String id, @Bind("status") String status, @Bind("userId") UUID userId);

    @SqlUpdate
    int pollOAuth2DeviceCode(@Bind("id") String id, @Bind("now") Instant now, @Bind("interval") int interval);

    @SqlUpdate
    int useOAuth2DeviceCode(@Bind("id") String id);

    // ---- purge ----
    @SqlUpdate
    int deleteExpiredOAuth2Codes(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    @SqlUpdate
    int deleteExpiredOAuth2DeviceCodes(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    @SqlUpdate
    int deleteDeadOAuth2RefreshTokens(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);
}
