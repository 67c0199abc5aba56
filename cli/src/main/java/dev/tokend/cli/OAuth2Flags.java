package dev.tokend.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The {@code tokend server} options of the OAuth2 authorization server (docs/oauth2.md,
 * "Settings"), mixed into {@link ServerCommand}; each is also read from {@code TOKEND_<NAME>}.
 * The defaults are the server's ({@code OAuth2Settings.defaults()}; {@code ServerCommandTest} keeps
 * them equal). No server class here: this is in the client jar, for help and completion.
 */
final class OAuth2Flags {
    @Option(names = "--oauth2-access-token-lifetime", paramLabel = "DURATION", defaultValue = "1h",
            converter = DurationConverter.class,
            description = "Lifetime of an OAuth2 access token (it never slides). "
                    + "Env: TOKEND_OAUTH2_ACCESS_TOKEN_LIFETIME. Default: ${DEFAULT-VALUE}.")
    Duration accessTokenLifetime;

    @Option(names = "--oauth2-refresh-token-lifetime", paramLabel = "DURATION", defaultValue = "30d",
            converter = DurationConverter.class,
            description = "Lifetime of an OAuth2 refresh token; each rotation issues one with a new lifetime. "
                    + "Env: TOKEND_OAUTH2_REFRESH_TOKEN_LIFETIME. Default: ${DEFAULT-VALUE}.")
    Duration refreshTokenLifetime;

    @Option(names = "--oauth2-refresh-reuse-grace", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long after a rotation the old refresh token may be presented again (a client "
                    + "that lost the answer retries) before reuse revokes the whole family; 0s: never. "
                    + "Env: TOKEND_OAUTH2_REFRESH_REUSE_GRACE. Default: ${DEFAULT-VALUE}.")
    Duration refreshReuseGrace;

    @Option(names = "--oauth2-code-lifetime", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Lifetime of an authorization code. Env: TOKEND_OAUTH2_CODE_LIFETIME. Default: ${DEFAULT-VALUE}.")
    Duration codeLifetime;

    @Option(names = "--oauth2-device-code-lifetime", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Lifetime of a device code (its expires_in). "
                    + "Env: TOKEND_OAUTH2_DEVICE_CODE_LIFETIME. Default: ${DEFAULT-VALUE}.")
    Duration deviceCodeLifetime;

    @Option(names = "--oauth2-device-poll-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Minimum time between a device's polls of the token endpoint (its interval; a faster "
                    + "poll gets slow_down), whole seconds. Env: TOKEND_OAUTH2_DEVICE_POLL_INTERVAL. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration devicePollInterval;

    @Option(names = "--oauth2-registrations-per-day", paramLabel = "N", defaultValue = "20",
            description = "Dynamic client registrations allowed per client address per 24 hours. "
                    + "Env: TOKEND_OAUTH2_REGISTRATIONS_PER_DAY. Default: ${DEFAULT-VALUE}.")
    int registrationsPerDay;

    @Option(names = "--oauth2-rate-limit", paramLabel = "N", defaultValue = "60",
            description = "Requests per minute per client address on the register, token and device endpoints; "
                    + "0 disables. Env: TOKEND_OAUTH2_RATE_LIMIT. Default: ${DEFAULT-VALUE}.")
    int rateLimit;

    @Option(names = "--oauth2-purge-retention", paramLabel = "DURATION", defaultValue = "1h",
            converter = DurationConverter.class,
            description = "How long the purge job keeps expired codes and device codes, and expired or revoked "
                    + "refresh tokens. Env: TOKEND_OAUTH2_PURGE_RETENTION. Default: ${DEFAULT-VALUE}.")
    Duration purgeRetention;
}
