package dev.tokend.testkit;

import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.db.AuditDao;
import dev.tokend.server.db.UserDao;
import dev.tokend.server.store.ApiKeyMinter;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.auth.GeneratedToken;
import dev.tokend.server.auth.TokenFormat;
import dev.tokend.server.auth.TokenKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Inserts rows directly, filling every field a test does not set with a sensible value, for
 * arrangements the API cannot make (yet) or that would take many calls.
 */
public final class DbGen {
    private static final SecureRandom RNG = new SecureRandom();

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Runnable settle;
    private final java.util.function.Consumer<String> announced;

    public DbGen(Jdbi jdbi, InstantSource clock) {
        this(jdbi, clock, () -> { }, id -> { });
    }

    private DbGen(Jdbi jdbi, InstantSource clock, Runnable settle, java.util.function.Consumer<String> announced) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.settle = Objects.requireNonNull(settle);
        this.announced = Objects.requireNonNull(announced);
    }

    /**
     * Rows of a running server. Reads first wait (bounded) for the usage the server records behind
     * its responses, so a test sees what the requests it made have written; an inserted key is
     * returned once the server has heard of it (its creation notification).
     */
    public static DbGen of(TestServer server) {
        return new DbGen(server.jdbi(), server.clock(), server.server()::flushUsage,
                id -> server.server().keyCache().awaitKnown(id, java.time.Duration.ofSeconds(5)));
    }

    /** Starts an API key for {@code userId}; defaults: an interactive session of 24h that slides. */
    public KeyBuilder apiKey(UUID userId) {
        return new KeyBuilder(userId);
    }

    /** A key being built. */
    public final class KeyBuilder {
        private final UUID userId;
        private String loginType = "password";
        private TokenKind kind = TokenKind.SESSION;
        private Duration lifetime = Duration.ofHours(24);
        private boolean sliding = true;
        private String tokenName = "";
        private List<String> scopes = ApiKeyMinter.ALL_SCOPES;
        private List<String> allowList = ApiKeyMinter.ALLOW_ALL;

        private KeyBuilder(UUID userId) {
            this.userId = Objects.requireNonNull(userId);
        }

        /** A named token: login type {@code token}, token prefix, never sliding. */
        public KeyBuilder namedToken(String name) {
            this.loginType = "token";
            this.kind = TokenKind.API_TOKEN;
            this.sliding = false;
            this.tokenName = name;
            return this;
        }

        public KeyBuilder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public KeyBuilder sliding(boolean sliding) {
            this.sliding = sliding;
            return this;
        }

        public KeyBuilder scopes(List<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        public KeyBuilder allowList(List<String> allowList) {
            this.allowList = List.copyOf(allowList);
            return this;
        }

        /**
         * Inserts the key directly (like the reference's dbgen: an arrangement, not a mint, so no
         * audit row and no escalation check); returns the row and the plaintext token.
         */
        public ApiKeyMinter.Minted insert() {
            GeneratedToken generated = TokenFormat.generate(kind, RNG);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            jdbi.useExtension(ApiKeyDao.class, dao -> dao.insertApiKey(generated.id(), generated.hashedSecret(),
                    userId, now, now.plus(lifetime), loginType, lifetime.toSeconds(), "127.0.0.1", tokenName,
                    scopes.toArray(String[]::new), allowList.toArray(String[]::new), sliding, ""));
            announced.accept(generated.id());
            return new ApiKeyMinter.Minted(key(generated.id()), generated.token());
        }
    }

    /**
     * Inserts {@code count} active password users ({@code <prefix>-<n>}, {@code <prefix>-<n>@example.com},
     * no usable password) in one transaction, for tests that need more rows than a page holds.
     */
    public List<UUID> users(String prefix, int count) {
        return jdbi.inTransaction(h -> {
            UserDao dao = h.attach(UserDao.class);
            java.util.ArrayList<UUID> ids = new java.util.ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                dao.insertUser(id, prefix + "-" + i + "@example.com", prefix + "-" + i, "", new byte[0],
                        clock.instant(), "active", new String[0], "password");
                ids.add(id);
            }
            return ids;
        });
    }

    /** Inserts {@code count} audit rows ({@code write} on a user, status 200) by {@code actor} in one transaction. */
    public void auditRows(UUID actor, int count) {
        jdbi.useTransaction(h -> {
            AuditDao dao = h.attach(AuditDao.class);
            for (int i = 0; i < count; i++) {
                dao.insertAuditLog(UUID.randomUUID(), clock.instant(), actor, new UUID(0, 0), "127.0.0.1", "dbgen",
                        "user", actor, "dbgen-" + i, "write", "{}", 200, "{}", UUID.randomUUID());
            }
        });
    }

    /** The key row as stored now. */
    public ApiKeyRow key(String id) {
        settle.run();
        return jdbi.withExtension(ApiKeyDao.class, dao -> dao.getApiKeyById(id))
                .orElseThrow(() -> new AssertionError("no API key " + id));
    }

    /** Whether a key row exists. */
    public boolean keyExists(String id) {
        settle.run();
        return jdbi.withExtension(ApiKeyDao.class, dao -> dao.getApiKeyById(id)).isPresent();
    }
}
