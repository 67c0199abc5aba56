package dev.tokend.server.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Rows of the OAuth2 tables (migration V4). Hashes are held, never secrets, and no
 * {@code toString()} prints a hash.
 */
public final class OAuth2Rows {
    private OAuth2Rows() {}

    /** {@code oauth2_apps}: a client. */
    public record App(UUID id, Instant createdAt, Instant updatedAt, String name, String icon,
            List<String> redirectUris, String clientType, boolean dynamicallyRegistered, List<String> grantTypes,
            List<String> scopes, String tokenEndpointAuthMethod, String clientUri, String logoUri,
            List<String> contacts, String softwareId, String softwareVersion, UUID createdBy,
            String registrationTokenId, byte[] registrationTokenHash, String registeredFrom) {
        public App {
            redirectUris = List.copyOf(redirectUris);
            grantTypes = List.copyOf(grantTypes);
            scopes = List.copyOf(scopes);
            contacts = List.copyOf(contacts);
        }

        public boolean isPublic() {
            return "public".equals(clientType);
        }

        @Override
        public String toString() {
            return "App[id=" + id + ", name=" + name + ", type=" + clientType + "]";
        }
    }

    public static final class AppMapper implements RowMapper<App> {
        @Override
        public App map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new App(rs.getObject("id", UUID.class), Rows.instant(rs, "created_at"),
                    Rows.instant(rs, "updated_at"), rs.getString("name"), rs.getString("icon"),
                    Rows.strings(rs, "redirect_uris"), rs.getString("client_type"),
                    rs.getBoolean("dynamically_registered"), Rows.strings(rs, "grant_types"),
                    Rows.strings(rs, "scopes"), rs.getString("token_endpoint_auth_method"),
                    rs.getString("client_uri"), rs.getString("logo_uri"), Rows.strings(rs, "contacts"),
                    rs.getString("software_id"), rs.getString("software_version"),
                    rs.getObject("created_by", UUID.class), rs.getString("registration_token_id"),
                    rs.getBytes("registration_token_hash"), rs.getString("registered_from"));
        }
    }

    /** {@code oauth2_app_secrets}. */
    public record Secret(String id, UUID appId, byte[] hashedSecret, String displaySecret, Instant createdAt,
            Instant lastUsedAt) {
        @Override
        public String toString() {
            return "Secret[id=" + id + ", appId=" + appId + "]";
        }
    }

    public static final class SecretMapper implements RowMapper<Secret> {
        @Override
        public Secret map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Secret(rs.getString("id"), rs.getObject("app_id", UUID.class), rs.getBytes("hashed_secret"),
                    rs.getString("display_secret"), Rows.instant(rs, "created_at"), Rows.instant(rs, "last_used_at"));
        }
    }

    /** {@code oauth2_codes}; {@code familyId} is the refresh family its exchange began (null while unused). */
    public record Code(String id, byte[] hashedSecret, UUID appId, UUID userId, Instant createdAt, Instant expiresAt,
            String redirectUri, String resource, String codeChallenge, List<String> scopes, boolean used,
            UUID familyId) {
        public Code {
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Code[id=" + id + ", appId=" + appId + "]";
        }
    }

    public static final class CodeMapper implements RowMapper<Code> {
        @Override
        public Code map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Code(rs.getString("id"), rs.getBytes("hashed_secret"), rs.getObject("app_id", UUID.class),
                    rs.getObject("user_id", UUID.class), Rows.instant(rs, "created_at"),
                    Rows.instant(rs, "expires_at"), rs.getString("redirect_uri"), rs.getString("resource"),
                    rs.getString("code_challenge"), Rows.strings(rs, "scopes"), rs.getBoolean("used"),
                    rs.getObject("family_id", UUID.class));
        }
    }

    /** {@code oauth2_refresh_tokens}. */
    public record Refresh(String id, byte[] hashedSecret, UUID appId, UUID userId, UUID familyId, String apiKeyId,
            String audience, List<String> scopes, Instant createdAt, Instant expiresAt, Instant rotatedAt,
            String replacedBy, boolean revoked) {
        public Refresh {
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Refresh[id=" + id + ", family=" + familyId + "]";
        }
    }

    public static final class RefreshMapper implements RowMapper<Refresh> {
        @Override
        public Refresh map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Refresh(rs.getString("id"), rs.getBytes("hashed_secret"), rs.getObject("app_id", UUID.class),
                    rs.getObject("user_id", UUID.class), rs.getObject("family_id", UUID.class),
                    rs.getString("api_key_id"), rs.getString("audience"), Rows.strings(rs, "scopes"),
                    Rows.instant(rs, "created_at"), Rows.instant(rs, "expires_at"), Rows.instant(rs, "rotated_at"),
                    rs.getString("replaced_by"), rs.getBoolean("revoked"));
        }
    }

    /** {@code oauth2_access_tokens}: which client and grant an API key was issued to. */
    public record AccessToken(String apiKeyId, UUID appId, UUID userId, UUID familyId, String grantType,
            Instant createdAt) {}

    public static final class AccessTokenMapper implements RowMapper<AccessToken> {
        @Override
        public AccessToken map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AccessToken(rs.getString("api_key_id"), rs.getObject("app_id", UUID.class),
                    rs.getObject("user_id", UUID.class), rs.getObject("family_id", UUID.class),
                    rs.getString("grant_type"), Rows.instant(rs, "created_at"));
        }
    }

    /** {@code oauth2_device_codes}. */
    public record Device(String id, byte[] hashedSecret, String userCode, UUID appId, UUID userId,
            List<String> scopes, String resource, String status, Instant createdAt, Instant expiresAt,
            int intervalSeconds, Instant lastPolledAt) {
        public Device {
            scopes = List.copyOf(scopes);
        }

        public Device withStatus(String newStatus) {
            return new Device(id, hashedSecret, userCode, appId, userId, scopes, resource, newStatus, createdAt,
                    expiresAt, intervalSeconds, lastPolledAt);
        }

        @Override
        public String toString() {
            return "Device[id=" + id + ", status=" + status + "]";
        }
    }

    public static final class DeviceMapper implements RowMapper<Device> {
        @Override
        public Device map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Device(rs.getString("id"), rs.getBytes("hashed_secret"), rs.getString("user_code"),
                    rs.getObject("app_id", UUID.class), rs.getObject("user_id", UUID.class),
                    Rows.strings(rs, "scopes"), rs.getString("resource"), rs.getString("status"),
                    Rows.instant(rs, "created_at"), Rows.instant(rs, "expires_at"), rs.getInt("interval_seconds"),
                    Rows.instant(rs, "last_polled_at"));
        }
    }

    /** An app a user has authorized, for the user's list. */
    public record Authorized(App app, Instant firstAuthorizedAt) {}

    public static final class AuthorizedMapper implements RowMapper<Authorized> {
        private final AppMapper apps = new AppMapper();

        @Override
        public Authorized map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Authorized(apps.map(rs, ctx), Rows.instant(rs, "first_authorized_at"));
        }
    }
}
