package dev.tokend.server.oauth2;

import java.time.Duration;
import java.util.Objects;

/**
 * The OAuth2 server's tunables, with their defaults in {@link #defaults()}.
 *
 * @param accessTokenLifetime lifetime of an access token (an API key that never slides)
 * @param refreshTokenLifetime lifetime of a refresh token; rotation issues a new one with a new lifetime
 * @param refreshReuseGrace how long after a rotation the rotated refresh token may be presented
 *     again (a client that lost the response retries): the retry revokes the successor and issues
 *     a new pair in the same family. After the grace, reuse revokes the whole family.
 * @param codeLifetime authorization code lifetime (10 minutes, reference §8.2)
 * @param deviceCodeLifetime device code lifetime (RFC 8628 §3.2 {@code expires_in})
 * @param devicePollInterval minimum seconds between device-code polls (RFC 8628 §3.5)
 * @param clientsPerSourcePerDay dynamic registrations allowed per client address per 24 hours
 * @param protocolRateLimit requests per minute per client address on register, token and device endpoints
 * @param purgeRetention how long the purge job keeps an authorization code or device code after it
 *     expired, and a refresh token after it expired or was revoked (never less than
 *     {@code refreshReuseGrace}: see {@link #purgeAfter()}); docs/oauth2.md "Purge"
 */
public record OAuth2Settings(Duration accessTokenLifetime, Duration refreshTokenLifetime, Duration refreshReuseGrace,
        Duration codeLifetime, Duration deviceCodeLifetime, Duration devicePollInterval, int clientsPerSourcePerDay,
        int protocolRateLimit, Duration purgeRetention) {
    public OAuth2Settings {
        Objects.requireNonNull(accessTokenLifetime);
        Objects.requireNonNull(refreshTokenLifetime);
        Objects.requireNonNull(refreshReuseGrace);
        Objects.requireNonNull(codeLifetime);
        Objects.requireNonNull(deviceCodeLifetime);
        Objects.requireNonNull(devicePollInterval);
        Objects.requireNonNull(purgeRetention);
        if (purgeRetention.isNegative()) {
            throw new IllegalArgumentException("purgeRetention must not be negative");
        }
    }

    public static OAuth2Settings defaults() {
        return new OAuth2Settings(Duration.ofHours(1), Duration.ofDays(30), Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(5), 20, 60, Duration.ofHours(1));
    }

    /**
     * The retention the purge job applies: {@code purgeRetention}, but never less than the reuse
     * grace, so that a refresh token revoked by a grace retry outlives every request of that grace.
     */
    public Duration purgeAfter() {
        return purgeRetention.compareTo(refreshReuseGrace) < 0 ? refreshReuseGrace : purgeRetention;
    }

    public OAuth2Settings withRefreshReuseGrace(Duration value) {
        return new OAuth2Settings(accessTokenLifetime, refreshTokenLifetime, value, codeLifetime, deviceCodeLifetime,
                devicePollInterval, clientsPerSourcePerDay, protocolRateLimit, purgeRetention);
    }

    public OAuth2Settings withClientsPerSourcePerDay(int value) {
        return new OAuth2Settings(accessTokenLifetime, refreshTokenLifetime, refreshReuseGrace, codeLifetime,
                deviceCodeLifetime, devicePollInterval, value, protocolRateLimit, purgeRetention);
    }

    public OAuth2Settings withProtocolRateLimit(int value) {
        return new OAuth2Settings(accessTokenLifetime, refreshTokenLifetime, refreshReuseGrace, codeLifetime,
                deviceCodeLifetime, devicePollInterval, clientsPerSourcePerDay, value, purgeRetention);
    }

    public OAuth2Settings withPurgeRetention(Duration value) {
        return new OAuth2Settings(accessTokenLifetime, refreshTokenLifetime, refreshReuseGrace, codeLifetime,
                deviceCodeLifetime, devicePollInterval, clientsPerSourcePerDay, protocolRateLimit, value);
    }
}
