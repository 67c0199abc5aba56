package dev.tokend.server;

import dev.tokend.sdk.GoDuration;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Every option of {@code tokend server}, with its default in exactly one place: the
 * {@code DEFAULT_*} constants below, which both {@link #defaults()} and the CLI's option
 * declarations use. Each option is also read from {@code TOKEND_<NAME>} by the CLI.
 */
public record ServerOptions(
        String httpAddress,
        URI accessUrl,
        String postgresUrl,
        Path dataDir,
        Duration sessionDuration,
        boolean disableSessionExpiryRefresh,
        boolean disablePasswordAuth,
        boolean secureAuthCookie,
        LogFormat logFormat,
        String logLevel,
        Duration defaultTokenLifetime,
        Duration maxTokenLifetime,
        Duration maxAdminTokenLifetime,
        Duration apiKeysRetention,
        int apiRateLimit,
        boolean dangerousDisableRateLimits,
        List<String> proxyTrustedOrigins,
        List<String> proxyTrustedHeaders,
        int maxConcurrentLogins,
        boolean prometheusEnable,
        String prometheusAddress,
        Duration apiKeyCacheTtl,
        int postgresMaxConns) {

    public static final String DEFAULT_HTTP_ADDRESS = "127.0.0.1:3000";
    public static final String DEFAULT_ACCESS_URL = "";
    public static final String DEFAULT_POSTGRES_URL = "";
    public static final String DEFAULT_SESSION_DURATION = "24h";
    public static final String DEFAULT_LOG_FORMAT = "text";
    public static final String DEFAULT_LOG_LEVEL = "info";
    public static final String DEFAULT_DEFAULT_TOKEN_LIFETIME = "168h";
    public static final String DEFAULT_MAX_TOKEN_LIFETIME = "876600h";
    public static final String DEFAULT_MAX_ADMIN_TOKEN_LIFETIME = "168h";
    public static final String DEFAULT_API_KEYS_RETENTION = "7d";
    public static final String DEFAULT_API_RATE_LIMIT = "512";
    public static final String DEFAULT_MAX_CONCURRENT_LOGINS = "16";
    public static final String DEFAULT_PROMETHEUS_ADDRESS = "";
    /** The validation cache's TTL backstop (revocation itself is pushed by NOTIFY); 0 disables the cache. */
    public static final String DEFAULT_API_KEY_CACHE_TTL = "5m";
    /** Pool size: a small multiple of the cores PostgreSQL and tokend share (HikariCP's advice), at least 8. */
    public static final String DEFAULT_POSTGRES_MAX_CONNS = "10";

    /** How log lines are written to standard output. */
    public enum LogFormat {
        TEXT, JSON;

        public static LogFormat parse(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "text" -> TEXT;
                case "json" -> JSON;
                default -> throw new IllegalArgumentException("must be text or json, not \"" + value + "\"");
            };
        }
    }

    public ServerOptions {
        Objects.requireNonNull(httpAddress, "httpAddress");
        Objects.requireNonNull(postgresUrl, "postgresUrl");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(sessionDuration, "sessionDuration");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(defaultTokenLifetime, "defaultTokenLifetime");
        Objects.requireNonNull(maxTokenLifetime, "maxTokenLifetime");
        Objects.requireNonNull(maxAdminTokenLifetime, "maxAdminTokenLifetime");
        Objects.requireNonNull(apiKeysRetention, "apiKeysRetention");
        proxyTrustedOrigins = List.copyOf(proxyTrustedOrigins);
        proxyTrustedHeaders = List.copyOf(proxyTrustedHeaders);
        Objects.requireNonNull(prometheusAddress, "prometheusAddress");
        Objects.requireNonNull(apiKeyCacheTtl, "apiKeyCacheTtl");
        if (apiKeyCacheTtl.isNegative()) {
            throw new IllegalArgumentException("--api-key-cache-ttl must not be negative");
        }
        if (postgresMaxConns < 1) {
            throw new IllegalArgumentException("--postgres-max-conns must be at least 1");
        }
        if (maxConcurrentLogins < 0) {
            throw new IllegalArgumentException("--max-concurrent-logins must not be negative");
        }
        HostPort.parse(httpAddress); // validates
        if (sessionDuration.isNegative() || sessionDuration.isZero()) {
            throw new IllegalArgumentException("--session-duration must be positive");
        }
        if (defaultTokenLifetime.isNegative() || defaultTokenLifetime.isZero()) {
            throw new IllegalArgumentException("--default-token-lifetime must be positive");
        }
        if (maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
            throw new IllegalArgumentException("--max-token-lifetime must be positive");
        }
        if (maxAdminTokenLifetime.isNegative() || maxAdminTokenLifetime.isZero()) {
            throw new IllegalArgumentException("--max-admin-token-lifetime must be positive");
        }
        if (apiKeysRetention.isNegative()) {
            throw new IllegalArgumentException("--api-keys-retention must not be negative");
        }
    }

    /** All defaults; the embedded database lives under the user's data home. */
    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_HTTP_ADDRESS, null, DEFAULT_POSTGRES_URL, defaultDataDir(),
                GoDuration.parse(DEFAULT_SESSION_DURATION), false, false, false,
                LogFormat.parse(DEFAULT_LOG_FORMAT), DEFAULT_LOG_LEVEL,
                GoDuration.parse(DEFAULT_DEFAULT_TOKEN_LIFETIME), GoDuration.parse(DEFAULT_MAX_TOKEN_LIFETIME),
                GoDuration.parse(DEFAULT_MAX_ADMIN_TOKEN_LIFETIME), GoDuration.parse(DEFAULT_API_KEYS_RETENTION),
                Integer.parseInt(DEFAULT_API_RATE_LIMIT), false, List.of(), List.of(),
                Integer.parseInt(DEFAULT_MAX_CONCURRENT_LOGINS), false, DEFAULT_PROMETHEUS_ADDRESS,
                GoDuration.parse(DEFAULT_API_KEY_CACHE_TTL), Integer.parseInt(DEFAULT_POSTGRES_MAX_CONNS));
    }

    /** {@code $XDG_DATA_HOME/tokend}, else {@code ~/.local/share/tokend}. */
    public static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("tokend");
    }

    public ServerOptions withHttpAddress(String value) {
        return new ServerOptions(value, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }


    public ServerOptions withPostgresUrl(String value) {
        return new ServerOptions(httpAddress, accessUrl, value, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withDataDir(Path value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, value, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }


    public ServerOptions withDisableSessionExpiryRefresh(boolean value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, value, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withDisablePasswordAuth(boolean value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, value, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withSecureAuthCookie(boolean value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, value, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }


    public ServerOptions withMaxTokenLifetime(Duration value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, value, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withMaxAdminTokenLifetime(Duration value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, value, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withApiKeysRetention(Duration value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, value, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withApiRateLimit(int value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, value, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withDangerousDisableRateLimits(boolean value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, value, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withProxyTrustedOrigins(List<String> value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, value, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withProxyTrustedHeaders(List<String> value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, value, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withMaxConcurrentLogins(int value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, value, prometheusEnable, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withPrometheusEnable(boolean value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, value, prometheusAddress, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withPrometheusAddress(String value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, value, apiKeyCacheTtl, postgresMaxConns);
    }

    public ServerOptions withApiKeyCacheTtl(Duration value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, value, postgresMaxConns);
    }

    public ServerOptions withPostgresMaxConns(int value) {
        return new ServerOptions(httpAddress, accessUrl, postgresUrl, dataDir, sessionDuration, disableSessionExpiryRefresh, disablePasswordAuth, secureAuthCookie, logFormat, logLevel, defaultTokenLifetime, maxTokenLifetime, maxAdminTokenLifetime, apiKeysRetention, apiRateLimit, dangerousDisableRateLimits, proxyTrustedOrigins, proxyTrustedHeaders, maxConcurrentLogins, prometheusEnable, prometheusAddress, apiKeyCacheTtl, value);
    }



    /**
     * Every option, as the record would print them, but with the password in
     * {@code postgresUrl} replaced (a record's own {@code toString()} would print it, and options
     * end up in logs and assertion messages). Walks the record's components through their public
     * accessors, so an option added later is printed without touching this method.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ServerOptions[");
        for (java.lang.reflect.RecordComponent component : ServerOptions.class.getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read option " + component.getName(), e);
            }
            if (component.getName().equals("postgresUrl")) {
                value = dev.tokend.server.db.PostgresUrl.redact(postgresUrl);
            }
            out.append(out.length() > "ServerOptions[".length() ? ", " : "").append(component.getName())
                    .append('=').append(value);
        }
        return out.append(']').toString();
    }

    /** A {@code host:port} listen address ({@code [::1]:3000} for IPv6). */
    public record HostPort(String host, int port) {
        public static HostPort parse(String address) {
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1) {
                throw new IllegalArgumentException("\"" + address + "\" is not host:port");
            }
            String host = address.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + address + "\" has no numeric port");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range");
            }
            return new HostPort(host, port);
        }
    }
}
