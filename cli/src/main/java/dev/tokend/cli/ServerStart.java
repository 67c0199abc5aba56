package dev.tokend.cli;

import dev.tokend.server.Logging;
import dev.tokend.server.Server;
import dev.tokend.server.ServerOptions;
import dev.tokend.server.db.PostgresUrl;
import dev.tokend.server.http.ClientIpResolver;
import dev.tokend.server.oauth2.OAuth2Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The server half of {@code tokend server}: checks {@link ServerCommand}'s options with the
 * server's own parsers, then starts the server and serves until SIGTERM/SIGINT. The only CLI class
 * that needs the server on the classpath; nothing loads it before {@code server} runs.
 */
final class ServerStart {
    private ServerStart() {}

    /** Builds the options, reporting a bad value as a usage error (exit status 2) naming the option. */
    static ServerOptions options(ServerCommand command) {
        ServerOptions.LogFormat format;
        try {
            format = ServerOptions.LogFormat.parse(command.logFormat);
        } catch (IllegalArgumentException e) {
            throw bad(command, "--log-format", e.getMessage());
        }
        if (!Logging.isLevel(command.logLevel)) {
            throw bad(command, "--log-level", "must be one of error, warn, info, debug, trace, not \"" + command.logLevel + "\"");
        }
        try {
            ServerOptions.HostPort.parse(command.httpAddress);
        } catch (IllegalArgumentException e) {
            throw bad(command, "--http-address", e.getMessage());
        }
        URI access = null;
        if (!command.accessUrl.isBlank()) {
            try {
                access = new URI(command.accessUrl.strip());
            } catch (URISyntaxException e) {
                throw bad(command, "--access-url", e.getReason());
            }
            if (access.getScheme() == null || !(access.getScheme().equals("http") || access.getScheme().equals("https"))
                    || access.getHost() == null) {
                throw bad(command, "--access-url", "must be an absolute http(s) URL like https://tokend.example.com");
            }
        }
        if (!command.postgresUrl.isBlank()) {
            try {
                PostgresUrl.parse(command.postgresUrl.strip());
            } catch (IllegalArgumentException e) {
                throw bad(command, "--postgres-url", e.getMessage());
            }
        }
        requirePositive(command, "--session-duration", command.sessionDuration);
        requirePositive(command, "--default-token-lifetime", command.defaultTokenLifetime);
        requirePositive(command, "--max-token-lifetime", command.maxTokenLifetime);
        List<String> origins = clean(command.proxyTrustedOrigins);
        for (String origin : origins) {
            try {
                ClientIpResolver.Cidr.parse(origin);
            } catch (IllegalArgumentException e) {
                throw bad(command, "--proxy-trusted-origins", e.getMessage());
            }
        }
        if (command.maxConcurrentLogins < 0) {
            throw bad(command, "--max-concurrent-logins", "must not be negative");
        }
        if (!command.prometheusAddress.isBlank()) {
            try {
                ServerOptions.HostPort.parse(command.prometheusAddress.strip());
            } catch (IllegalArgumentException e) {
                throw bad(command, "--prometheus-address", e.getMessage());
            }
        }
        requirePositive(command, "--max-admin-token-lifetime", command.maxAdminTokenLifetime);
        if (command.apiKeysRetention.isNegative()) {
            throw bad(command, "--api-keys-retention", "must not be negative");
        }
        if (command.apiKeyCacheTtl.isNegative()) {
            throw bad(command, "--api-key-cache-ttl", "must not be negative");
        }
        if (command.postgresMaxConns < 1) {
            throw bad(command, "--postgres-max-conns", "must be at least 1");
        }
        return new ServerOptions(command.httpAddress, access, command.postgresUrl.strip(),
                command.dataDir != null ? command.dataDir : ServerOptions.defaultDataDir(), command.sessionDuration,
                command.disableSessionExpiryRefresh, command.disablePasswordAuth, command.secureAuthCookie, format, command.logLevel,
                command.defaultTokenLifetime, command.maxTokenLifetime, command.maxAdminTokenLifetime, command.apiKeysRetention, command.apiRateLimit,
                command.dangerousDisableRateLimits, origins, clean(command.proxyTrustedHeaders), command.maxConcurrentLogins,
                command.prometheusEnable, command.prometheusAddress.strip(), command.apiKeyCacheTtl,
                command.postgresMaxConns).withIdp(idpOptions(command));
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static void requirePositive(ServerCommand command, String option, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw bad(command, option, "must be positive");
        }
    }

    private static dev.tokend.server.IdpOptions idpOptions(ServerCommand command) {
        try {
            return IdpStart.options(command.idp);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.spec.commandLine(), "Invalid IdP options: " + e.getMessage());
        }
    }

    private static ParameterException bad(ServerCommand command, String option, String message) {
        return new ParameterException(command.spec.commandLine(), "Invalid value for option '" + option + "': " + message);
    }

    /**
     * The OAuth2 tunables of {@code command}, the others at their defaults (a bad value is a usage
     * error naming its option).
     */
    static OAuth2Settings oauth2Settings(ServerCommand command) {
        OAuth2Flags f = command.oauth2;
        requirePositive(command, "--oauth2-access-token-lifetime", f.accessTokenLifetime);
        requirePositive(command, "--oauth2-refresh-token-lifetime", f.refreshTokenLifetime);
        requirePositive(command, "--oauth2-code-lifetime", f.codeLifetime);
        requirePositive(command, "--oauth2-device-code-lifetime", f.deviceCodeLifetime);
        if (f.refreshReuseGrace.isNegative()) {
            throw bad(command, "--oauth2-refresh-reuse-grace", "must not be negative");
        }
        if (f.devicePollInterval.toSeconds() < 1 || f.devicePollInterval.toNanos() % 1_000_000_000L != 0) {
            throw bad(command, "--oauth2-device-poll-interval", "must be a whole number of seconds, at least 1s");
        }
        if (f.registrationsPerDay < 0) {
            throw bad(command, "--oauth2-registrations-per-day", "must not be negative");
        }
        if (f.rateLimit < 0) {
            throw bad(command, "--oauth2-rate-limit", "must not be negative");
        }
        if (f.purgeRetention.isNegative()) {
            throw bad(command, "--oauth2-purge-retention", "must not be negative");
        }
        return new OAuth2Settings(f.accessTokenLifetime, f.refreshTokenLifetime, f.refreshReuseGrace, f.codeLifetime,
                f.deviceCodeLifetime, f.devicePollInterval, f.registrationsPerDay, f.rateLimit, f.purgeRetention);
    }

    /** Starts the server with {@code command}'s options and serves until the process is stopped. */
    static int run(ServerCommand command) throws InterruptedException {
        ServerOptions options = options(command);
        OAuth2Settings oauth2 = oauth2Settings(command);
        Logging.configure(options.logFormat(), options.logLevel());
        Server server;
        try {
            server = Server.start(options, java.time.InstantSource.system(), oauth2);
        } catch (Server.StartupException e) {
            command.spec.commandLine().getErr().println("tokend: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                Logging.stop(); // writes the lines still queued for standard error
                stopped.countDown();
            }
        }, "tokend-shutdown"));
        command.spec.commandLine().getOut().println(
                Logging.servingLine(options.logFormat(), server.accessUrl(), java.time.InstantSource.system()));
        command.spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    /** For tests: parse arguments without starting anything. */
    static ServerOptions parse(CommandLine.IDefaultValueProvider env, String... args) {
        return options(parsed(env, args));
    }

    /** The OAuth2 tunables {@code args} give (tests). */
    static OAuth2Settings parseOAuth2(CommandLine.IDefaultValueProvider env, String... args) {
        return oauth2Settings(parsed(env, args));
    }

    private static ServerCommand parsed(CommandLine.IDefaultValueProvider env, String... args) {
        ServerCommand command = new ServerCommand();
        CommandLine cl = new CommandLine(command).setDefaultValueProvider(env);
        cl.parseArgs(args);
        return command;
    }
}
