package dev.tokend.sdk.verify;

import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.model.User;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies tokens for a service that sits behind tokend: given the token a request carried, asks
 * tokend who it belongs to ({@code GET /api/v2/users/me} with that token) and remembers positive
 * answers for a short time, so a busy service does not ask on every request.
 *
 * <pre>{@code
 * TokenVerifier verifier = TokenVerifier.builder(TokendClient.builder(URI.create("https://tokend.example.com")).build())
 *         .ttl(Duration.ofSeconds(30))
 *         .build();
 * VerificationResult result = verifier.verify(bearerTokenFrom(request));
 * }</pre>
 *
 * <p>Trade-offs, on purpose:
 * <ul>
 *   <li>Only {@link VerificationResult.Verified} answers are cached, so a token fixed or renewed a
 *       moment ago is accepted at once, and a flood of bad tokens always reaches tokend, whose
 *       rate limits and audit see it.</li>
 *   <li>A token deleted, expired or whose user was suspended stays accepted here for up to the TTL
 *       (default 30 s). Call {@link #invalidate(String)} when your service learns of it sooner
 *       (e.g. on its own logout), or use a shorter TTL.</li>
 *   <li>The cache is keyed by the SHA-256 of the token: a heap dump of the service shows no
 *       usable credential.</li>
 * </ul>
 *
 * <p>Thread-safe; share one instance per tokend deployment.
 */
public final class TokenVerifier {
    /** Default time a positive answer is reused. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    /** Default number of tokens remembered; the oldest is forgotten first. */
    public static final int DEFAULT_MAX_SIZE = 10_000;

    private final TokendClient client;
    private final VerifiedCache cache;

    private TokenVerifier(TokendClient client, VerifiedCache cache) {
        this.client = client;
        this.cache = cache;
    }

    /** Starts a verifier that asks the tokend server {@code client} points at; its own token is not used. */
    public static Builder builder(TokendClient client) {
        return new Builder(client);
    }

    /**
     * Who {@code token} belongs to: from the cache when verified less than the TTL ago, else from
     * tokend. Never throws for what tokend answers or for tokend being down; those are results.
     */
    public VerificationResult verify(String token) {
        if (token == null || token.isBlank()) {
            return new VerificationResult.Rejected(401, "No token was presented.", "");
        }
        String digest = digest(token);
        Optional<User> cached = cache.get(digest);
        if (cached.isPresent()) {
            return new VerificationResult.Verified(cached.get());
        }
        VerificationResult answer = ask(token);
        if (answer instanceof VerificationResult.Verified verified) {
            cache.put(digest, verified.user());
        }
        return answer;
    }

    /**
     * What {@code token} may do: asks tokend's authorization-check API ({@code POST /api/v2/authcheck})
     * with the caller's token; one boolean per named check. Not cached: the answer depends on the
     * objects asked about, and roles or tokens may change at any time.
     *
     * @throws dev.tokend.sdk.ApiException when tokend refuses (401 for a bad token, 400 for a bad check)
     * @throws UncheckedIOException when tokend cannot be reached
     */
    public java.util.Map<String, Boolean> authorize(String token, dev.tokend.sdk.model.AuthorizationRequest request) {
        return client.withSessionToken(token).authCheck(request);
    }

    /** Forgets {@code token}, so the next {@link #verify} asks tokend again. */
    public void invalidate(String token) {
        if (token != null && !token.isBlank()) {
            cache.remove(digest(token));
        }
    }

    /** How many tokens are remembered now (expired ones may still count until looked up). */
    public int cachedCount() {
        return cache.size();
    }

    private VerificationResult ask(String token) {
        try {
            return new VerificationResult.Verified(client.withSessionToken(token).me());
        } catch (ApiException e) {
            // 429 and 5xx say nothing about the token: tokend is busy or failing.
            if (e.status() == 429 || e.status() >= 500) {
                return new VerificationResult.Unavailable(e);
            }
            return new VerificationResult.Rejected(e.status(), e.message(), e.detail());
        } catch (UncheckedIOException e) {
            return new VerificationResult.Unavailable(e);
        }
    }

    /** Hex SHA-256 of the token: the cache key, so the cache never holds a credential. */
    static String digest(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Builder for {@link TokenVerifier}. */
    public static final class Builder {
        private final TokendClient client;
        private Duration ttl = DEFAULT_TTL;
        private int maxSize = DEFAULT_MAX_SIZE;
        private InstantSource clock = InstantSource.system();

        private Builder(TokendClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** How long a positive answer is reused; {@link Duration#ZERO} disables caching. */
        public Builder ttl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("ttl must not be negative: " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        /** How many tokens are remembered at most; the oldest is forgotten first. */
        public Builder maxSize(int maxSize) {
            if (maxSize < 0) {
                throw new IllegalArgumentException("maxSize must not be negative: " + maxSize);
            }
            this.maxSize = maxSize;
            return this;
        }

        /** The clock the TTL is measured with (tests pass one they move by hand). */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public TokenVerifier build() {
            return new TokenVerifier(client, new VerifiedCache(ttl, maxSize, clock));
        }
    }
}
