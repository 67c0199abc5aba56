package dev.tokend.cli;

import dev.tokend.server.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokend server}: its options only. No method or field here has a server type, so the client
 * jar can build this command for {@code --help} and completion without Helidon, PostgreSQL or
 * Flyway; {@link ServerStart} turns the options into a running server.
 *
 * <p>NOTE: the defaults are {@code ServerOptions.DEFAULT_*} compile-time constants, which javac
 * copies into the annotations: reading them loads no server class.
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {ServerCommand.SUMMARY, "",
            "Every option can also be set with the environment variable shown next to it; a flag wins over "
                    + "the variable. Durations are Go-style with d and y units: 90s, 1h30m, 24h, 7d, 1y.", ""},
        footer = {"", "Examples:",
            "  tokend server",
            "  tokend server --http-address 0.0.0.0:8080 \\",
            "      --access-url https://tokend.example.com",
            "  TOKEND_POSTGRES_URL=postgres://tokend:secret@db:5432/tokend tokend server",
            "  tokend server --postgres-url jdbc:postgresql://db:5432/tokend"})
public final class ServerCommand implements Callable<Integer> {
    /** The line {@code tokend --help} shows for this command (read by {@link Main} without building it). */
    static final String SUMMARY = "Start the tokend server.";

    @Spec
    CommandSpec spec;

    @Option(names = "--http-address", paramLabel = "HOST:PORT", defaultValue = ServerOptions.DEFAULT_HTTP_ADDRESS,
            description = "Address to listen on. Port 0 picks a free port. Env: TOKEND_HTTP_ADDRESS. Default: ${DEFAULT-VALUE}.")
    String httpAddress;

    @Option(names = "--access-url", paramLabel = "URL", defaultValue = ServerOptions.DEFAULT_ACCESS_URL,
            description = "URL clients reach tokend at; derived from --http-address when empty. Env: TOKEND_ACCESS_URL.")
    String accessUrl;

    @Option(names = "--postgres-url", paramLabel = "URL", defaultValue = ServerOptions.DEFAULT_POSTGRES_URL,
            description = "PostgreSQL URL, postgres:// or jdbc:postgresql:// (see the examples; add ?sslmode=... "
                    + "when needed). Empty starts an embedded PostgreSQL under --data-dir. Env: TOKEND_POSTGRES_URL.")
    String postgresUrl;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory for tokend's state (the embedded database). Env: TOKEND_DATA_DIR. "
                    + "Default: $XDG_DATA_HOME/tokend or ~/.local/share/tokend.")
    Path dataDir;

    @Option(names = "--session-duration", paramLabel = "DURATION", defaultValue = ServerOptions.DEFAULT_SESSION_DURATION,
            converter = DurationConverter.class,
            description = "Lifetime of browser and password login sessions; sessions slide while in use. "
                    + "Env: TOKEND_SESSION_DURATION. Default: ${DEFAULT-VALUE}.")
    Duration sessionDuration;

    @Option(names = "--disable-session-expiry-refresh", defaultValue = "false", fallbackValue = "true", arity = "0..1", paramLabel = "BOOL",
            description = "Never slide session expiry: sessions end at login time + --session-duration. "
                    + "Env: TOKEND_DISABLE_SESSION_EXPIRY_REFRESH.")
    boolean disableSessionExpiryRefresh;

    @Option(names = "--disable-password-auth", defaultValue = "false", fallbackValue = "true", arity = "0..1", paramLabel = "BOOL",
            description = "Refuse password login for everyone, owners included, and refuse to create password users. "
                    + "Env: TOKEND_DISABLE_PASSWORD_AUTH.")
    boolean disablePasswordAuth;

    @Option(names = "--secure-auth-cookie", defaultValue = "false", fallbackValue = "true", arity = "0..1", paramLabel = "BOOL",
            description = "Mark the session cookie Secure (set this when serving over HTTPS). Env: TOKEND_SECURE_AUTH_COOKIE.")
    boolean secureAuthCookie;

    @Option(names = "--default-token-lifetime", paramLabel = "DURATION",
            defaultValue = ServerOptions.DEFAULT_DEFAULT_TOKEN_LIFETIME, converter = DurationConverter.class,
            description = "Lifetime of named tokens created without a lifetime, and of CLI session keys "
                    + "(POST /users/{user}/keys). Env: TOKEND_DEFAULT_TOKEN_LIFETIME. Default: ${DEFAULT-VALUE}.")
    Duration defaultTokenLifetime;

    @Option(names = "--max-token-lifetime", paramLabel = "DURATION",
            defaultValue = ServerOptions.DEFAULT_MAX_TOKEN_LIFETIME, converter = DurationConverter.class,
            description = "Longest lifetime a named token may be created with, for users who are not owners. "
                    + "Env: TOKEND_MAX_TOKEN_LIFETIME. Default: ${DEFAULT-VALUE}.")
    Duration maxTokenLifetime;

    @Option(names = "--max-admin-token-lifetime", paramLabel = "DURATION",
            defaultValue = ServerOptions.DEFAULT_MAX_ADMIN_TOKEN_LIFETIME, converter = DurationConverter.class,
            description = "Longest lifetime of a named token for a user holding the owner role (may be shorter "
                    + "than --max-token-lifetime). Env: TOKEND_MAX_ADMIN_TOKEN_LIFETIME. Default: ${DEFAULT-VALUE}.")
    Duration maxAdminTokenLifetime;

    @Option(names = "--api-keys-retention", paramLabel = "DURATION",
            defaultValue = ServerOptions.DEFAULT_API_KEYS_RETENTION, converter = DurationConverter.class,
            description = "How long expired keys stay (listed with include_expired) before the purge job deletes "
                    + "them; 0 disables purging. Env: TOKEND_API_KEYS_RETENTION. Default: ${DEFAULT-VALUE}.")
    Duration apiKeysRetention;

    @Option(names = "--api-rate-limit", paramLabel = "N", defaultValue = ServerOptions.DEFAULT_API_RATE_LIMIT,
            description = "Requests per minute per user (or per client IP when unauthenticated) and route; "
                    + "0 or less disables it. Env: TOKEND_API_RATE_LIMIT. Default: ${DEFAULT-VALUE}.")
    int apiRateLimit;

    @Option(names = "--dangerous-disable-rate-limits", defaultValue = "false", fallbackValue = "true",
            arity = "0..1", paramLabel = "BOOL",
            description = "Disable every rate limit, the login limit included. Env: TOKEND_DANGEROUS_DISABLE_RATE_LIMITS.")
    boolean dangerousDisableRateLimits;

    @Option(names = "--proxy-trusted-origins", paramLabel = "CIDR", split = ",", defaultValue = "",
            description = "Comma-separated addresses or CIDRs of reverse proxies whose forwarded headers are believed. "
                    + "Env: TOKEND_PROXY_TRUSTED_ORIGINS.")
    List<String> proxyTrustedOrigins;

    @Option(names = "--proxy-trusted-headers", paramLabel = "HEADER", split = ",", defaultValue = "",
            description = "Comma-separated headers carrying the client address from a trusted proxy, e.g. "
                    + "X-Forwarded-For. Env: TOKEND_PROXY_TRUSTED_HEADERS.")
    List<String> proxyTrustedHeaders;

    @Option(names = "--max-concurrent-logins", paramLabel = "N",
            defaultValue = ServerOptions.DEFAULT_MAX_CONCURRENT_LOGINS,
            description = "Password logins and password changes hashing at once; more get 503. 0 removes the cap. "
                    + "Env: TOKEND_MAX_CONCURRENT_LOGINS. Default: ${DEFAULT-VALUE}.")
    int maxConcurrentLogins;

    @Option(names = "--prometheus-enable", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            paramLabel = "BOOL",
            description = "Serve Prometheus metrics at /metrics: on --prometheus-address when set, else on the main "
                    + "listener. Env: TOKEND_PROMETHEUS_ENABLE.")
    boolean prometheusEnable;

    @Option(names = "--prometheus-address", paramLabel = "HOST:PORT", defaultValue = ServerOptions.DEFAULT_PROMETHEUS_ADDRESS,
            description = "Separate listener for /metrics (e.g. 127.0.0.1:2112). Env: TOKEND_PROMETHEUS_ADDRESS.")
    String prometheusAddress;

    @Option(names = "--api-key-cache-ttl", paramLabel = "DURATION", defaultValue = ServerOptions.DEFAULT_API_KEY_CACHE_TTL,
            converter = DurationConverter.class,
            description = "Longest time a validated key is served from memory; revocation reaches every replica "
                    + "at once through PostgreSQL notifications, this is only a backstop. 0 disables the cache. "
                    + "Env: TOKEND_API_KEY_CACHE_TTL. Default: ${DEFAULT-VALUE}.")
    Duration apiKeyCacheTtl;

    @Option(names = "--postgres-max-conns", paramLabel = "N", defaultValue = ServerOptions.DEFAULT_POSTGRES_MAX_CONNS,
            description = "Connections in the pool to PostgreSQL (plus one for revocation notifications). "
                    + "Env: TOKEND_POSTGRES_MAX_CONNS. Default: ${DEFAULT-VALUE}.")
    int postgresMaxConns;

    @picocli.CommandLine.Mixin
    IdpFlags idp = new IdpFlags(); // --oidc-*, --oauth2-github-*, --idp-token-encryption-* (docs/sso.md)

    @picocli.CommandLine.Mixin
    OAuth2Flags oauth2 = new OAuth2Flags(); // --oauth2-* of the authorization server (docs/oauth2.md)

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = ServerOptions.DEFAULT_LOG_FORMAT,
            description = "Log line format on standard error. Env: TOKEND_LOG_FORMAT. Default: ${DEFAULT-VALUE}.")
    String logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = ServerOptions.DEFAULT_LOG_LEVEL,
            description = "One of error, warn, info, debug, trace. Env: TOKEND_LOG_LEVEL. Default: ${DEFAULT-VALUE}.")
    String logLevel;

    private static boolean serverOnClasspath() {
        try {
            Class.forName("dev.tokend.cli.ServerStart", false, ServerCommand.class.getClassLoader());
            Class.forName("dev.tokend.server.Server", false, ServerCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!serverOnClasspath()) {
            // The client jar (dist/target/tokend-cli.jar) has no server classes; ./tokend routes
            // `server` to the full jar, so only a hand-made java command line gets here.
            spec.commandLine().getErr().println("Error: this is the client-only tokend jar, without the server. "
                    + "Run './tokend server' or 'java -jar dist/target/tokend.jar server'.");
            return ErrorReporter.FAILED;
        }
        return ServerStart.run(this);
    }
}
