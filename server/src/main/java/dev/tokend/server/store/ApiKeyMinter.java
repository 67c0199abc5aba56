package dev.tokend.server.store;

import dev.tokend.server.auth.GeneratedToken;
import dev.tokend.server.auth.TokenFormat;
import dev.tokend.server.auth.TokenKind;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.db.ApiKeyRow;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints API keys: generates the token, inserts the row (hash only) through the caller's DAO so the
 * insert joins the caller's transaction, and returns the plaintext exactly once.
 */
public final class ApiKeyMinter {
    public static final List<String> ALL_SCOPES = List.of("coder:all");
    public static final List<String> ALLOW_ALL = List.of("*:*");

    private final SecureRandom rng;
    private final InstantSource clock;

    public ApiKeyMinter(SecureRandom rng, InstantSource clock) {
        this.rng = Objects.requireNonNull(rng, "rng");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What to mint. */
    public record Request(UUID userId, String loginType, TokenKind kind, Duration lifetime, boolean slidingExpiry,
            String tokenName, List<String> scopes, List<String> allowList, String ipAddress) {
        public Request {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(loginType, "loginType");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(lifetime, "lifetime");
            tokenName = tokenName == null ? "" : tokenName;
            scopes = List.copyOf(scopes);
            allowList = List.copyOf(allowList);
            ipAddress = ipAddress == null ? "0.0.0.0" : ipAddress;
        }
    }

    /** The stored row and the plaintext token (to be shown once). {@link #toString()} hides the token. */
    public record Minted(ApiKeyRow row, String token) {
        @Override
        public String toString() {
            return "Minted[" + row + "]";
        }
    }

    /** Mints and inserts; {@code dao} decides the transaction. */
    public Minted mint(ApiKeyDao dao, Request request) {
        GeneratedToken generated = TokenFormat.generate(request.kind(), rng);
        // PostgreSQL keeps microseconds: mint with the precision the row will have.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Instant expiresAt = now.plus(request.lifetime());
        long lifetimeSeconds = request.lifetime().toSeconds();
        dao.insertApiKey(generated.id(), generated.hashedSecret(), request.userId(), now, expiresAt,
                request.loginType(), lifetimeSeconds, request.ipAddress(), request.tokenName(),
                request.scopes().toArray(String[]::new), request.allowList().toArray(String[]::new),
                request.slidingExpiry());
        ApiKeyRow row = new ApiKeyRow(generated.id(), generated.hashedSecret(), request.userId(), Instant.EPOCH,
                expiresAt, now, now, request.loginType(), lifetimeSeconds <= 0 ? 86400 : lifetimeSeconds,
                request.ipAddress(), request.tokenName(), request.scopes(), request.allowList(),
                request.slidingExpiry());
        return new Minted(row, generated.token());
    }
}
