package dev.tokend.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.auth.ValidationResult.Authenticated;
import dev.tokend.server.auth.ValidationResult.HardFailure;
import dev.tokend.server.auth.ValidationResult.Reason;
import dev.tokend.server.auth.ValidationResult.SoftFailure;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.Membership;
import dev.tokend.server.db.PrincipalRow;
import dev.tokend.server.db.UserRow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every branch of {@link ApiKeyValidator}, against a fake store and a held clock. */
class ApiKeyValidatorTest {
    private static final SecureRandom RNG = new SecureRandom();
    private static final InetAddress IP = InetAddress.getLoopbackAddress();
    private static final UUID REQUEST = UUID.randomUUID();

    /** A clock the test moves. */
    static final class Clock implements InstantSource {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T12:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    /** Rows by key id; counts loads; can be made to fail. */
    static final class FakeStore implements ApiKeyStore {
        final Map<String, PrincipalRow> rows = new java.util.concurrent.ConcurrentHashMap<>();
        final List<UUID> activated = new ArrayList<>();
        int loads;
        RuntimeException failLoad;
        RuntimeException failActivate;

        @Override
        public Optional<PrincipalRow> load(String id) {
            loads++;
            if (failLoad != null) {
                throw failLoad;
            }
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public boolean activateDormant(UserRow user, UUID requestId, InetAddress clientIp) {
            if (failActivate != null) {
                throw failActivate;
            }
            activated.add(user.id());
            return true;
        }
    }

    private final Clock clock = new Clock();
    private final FakeStore store = new FakeStore();
    private final List<UsageWriter.Usage> written = new ArrayList<>();
    private KeyCache cache;
    private UsageWriter usage;
    private ApiKeyValidator validator;

    @BeforeEach
    void setUp() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        cache = new KeyCache(Duration.ofMinutes(5), 1000, clock, metrics);
        cache.connected(Set.of());
        usage = new UsageWriter(batch -> {
            synchronized (written) {
                written.addAll(batch);
                batch.forEach(this::apply); // as the database would
            }
        }, metrics);
        validator = new ApiKeyValidator(store, cache, usage, clock, false);
    }

    @AfterEach
    void tearDown() {
        usage.close();
    }

    private void apply(UsageWriter.Usage u) {
        PrincipalRow r = store.rows.get(u.keyId());
        ApiKeyRow k = r.key();
        Instant expiresAt = k.expiresAt().equals(u.slidFrom()) ? u.expiresAt() : k.expiresAt();
        store.rows.put(k.id(), new PrincipalRow(new ApiKeyRow(k.id(), k.hashedSecret(), k.userId(), u.lastUsed(),
                expiresAt, k.createdAt(), k.updatedAt(), k.loginType(), k.lifetimeSeconds(), u.ipAddress(),
                k.tokenName(), k.scopes(), k.allowList(), k.slidingExpiry()), r.user(), r.memberships()));
    }

    private UserRow user(String status) {
        return new UserRow(UUID.randomUUID(), "a@example.com", "alice", "", "", clock.instant(), clock.instant(),
                status, List.of(), "password", "", false, clock.instant(), false, "");
    }

    /** Stores a key of {@code kind}/{@code loginType} for {@code owner}; returns its token. */
    private String key(TokenKind kind, String loginType, UserRow owner, Duration lifetime, boolean sliding,
            Instant lastUsed) {
        GeneratedToken g = TokenFormat.generate(kind, RNG);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ApiKeyRow row = new ApiKeyRow(g.id(), g.hashedSecret(), owner.id(), lastUsed, now.plus(lifetime), now, now,
                loginType, lifetime.toSeconds(), "0.0.0.0", "", List.of("coder:all"), List.of("*:*"), sliding);
        store.rows.put(g.id(), new PrincipalRow(row, Optional.of(owner),
                List.of(new Membership(owner.id(), UUID.randomUUID(), List.of()))));
        cache.keyCreated(g.id());
        return g.token();
    }

    private String session(UserRow owner) {
        return key(TokenKind.SESSION, "password", owner, Duration.ofHours(24), true, clock.instant());
    }

    private ValidationResult validate(String token) {
        return validator.validate(token, IP, REQUEST);
    }

    @Test
    void noTokenIsASoftMissing() {
        assertThat(validate(null)).isEqualTo(new SoftFailure(Reason.MISSING, ApiKeyValidator.MISSING_DETAIL));
        assertThat(validate("")).isInstanceOf(SoftFailure.class);
        assertThat(store.loads).isZero();
    }

    @Test
    void malformedTokenNeverReachesTheStore() {
        assertThat(validate("garbage")).isInstanceOfSatisfying(SoftFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.MALFORMED));
        String valid = session(user(UserRow.ACTIVE));
        String badChecksum = valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A");
        assertThat(validate(badChecksum)).isInstanceOfSatisfying(SoftFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.MALFORMED));
        assertThat(store.loads).isZero();
    }

    @Test
    void unknownIdIsSoftAndRememberedSoTheSecondTryIsNoQuery() {
        String unknown = TokenFormat.generate(TokenKind.API_TOKEN, RNG).token();
        assertThat(validate(unknown)).isInstanceOfSatisfying(SoftFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.UNKNOWN_KEY));
        int loads = store.loads;
        assertThat(validate(unknown)).isInstanceOf(SoftFailure.class);
        assertThat(store.loads).isEqualTo(loads);
    }

    @Test
    void wrongSecretIsSoftEvenWhenCached() {
        String token = session(user(UserRow.ACTIVE));
        assertThat(validate(token)).isInstanceOf(Authenticated.class);
        ParseResult.Valid parsed = (ParseResult.Valid) TokenFormat.parse(token);
        String forged = TokenFormat.assemble(parsed.kind(), parsed.id(), "A".repeat(TokenFormat.SECRET_LENGTH));
        assertThat(validate(forged)).isInstanceOfSatisfying(SoftFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.BAD_SECRET));
    }

    @Test
    void prefixOfAnotherKindIsRefused() {
        UserRow owner = user(UserRow.ACTIVE);
        String token = key(TokenKind.API_TOKEN, "token", owner, Duration.ofDays(1), false, clock.instant());
        ParseResult.Valid parsed = (ParseResult.Valid) TokenFormat.parse(token);
        String asSession = TokenFormat.assemble(TokenKind.SESSION, parsed.id(), parsed.secret());
        assertThat(validate(asSession)).isInstanceOfSatisfying(SoftFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.UNKNOWN_KEY));
    }

    @Test
    void aHitIsNoQueryAndAMissIsOne() {
        String token = session(user(UserRow.ACTIVE));
        assertThat(validate(token)).isInstanceOf(Authenticated.class);
        assertThat(store.loads).isEqualTo(1);
        assertThat(validate(token)).isInstanceOf(Authenticated.class);
        assertThat(store.loads).isEqualTo(1);
    }

    @Test
    void expiryIsCheckedOnEveryHitAgainstTheClock() {
        UserRow owner = user(UserRow.ACTIVE);
        String token = key(TokenKind.API_TOKEN, "token", owner, Duration.ofMinutes(10), false, clock.instant());
        assertThat(validate(token)).isInstanceOf(Authenticated.class);
        clock.advance(Duration.ofMinutes(10));
        assertThat(validate(token)).as("expires_at == now is still valid").isInstanceOf(Authenticated.class);
        clock.advance(Duration.ofNanos(1000));
        assertThat(validate(token)).isInstanceOfSatisfying(SoftFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.EXPIRED));
    }

    @Test
    void anEvictedKeyIsReadAgain() {
        String token = session(user(UserRow.ACTIVE));
        validate(token);
        cache.keyChanged(((ParseResult.Valid) TokenFormat.parse(token)).id());
        validate(token);
        assertThat(store.loads).isEqualTo(2);
    }

    @Test
    void whileTheListenerIsDownEveryValidationReadsTheStore() {
        String token = session(user(UserRow.ACTIVE));
        validate(token);
        cache.disconnected();
        validate(token);
        validate(token);
        assertThat(store.loads).isEqualTo(3);
    }

    @Test
    void storeFailureIsA500NeverA401() {
        String token = session(user(UserRow.ACTIVE));
        store.failLoad = new IllegalStateException("connection refused");
        assertThat(validate(token)).isInstanceOfSatisfying(HardFailure.class, f -> {
            assertThat(f.status()).isEqualTo(500);
            assertThat(f.message()).isEqualTo(ApiKeyValidator.INTERNAL);
        });
    }

    @Test
    void keyOfADeletedUserIsUnknown() {
        UserRow owner = user(UserRow.ACTIVE);
        String token = session(owner);
        String id = ((ParseResult.Valid) TokenFormat.parse(token)).id();
        store.rows.put(id, new PrincipalRow(store.rows.get(id).key(), Optional.empty(), List.of()));
        assertThat(validate(token)).isInstanceOfSatisfying(SoftFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.UNKNOWN_KEY));
    }

    @Test
    void suspendedUserIsAHard401() {
        String token = session(user(UserRow.SUSPENDED));
        assertThat(validate(token)).isInstanceOfSatisfying(HardFailure.class, f -> {
            assertThat(f.status()).isEqualTo(401);
            assertThat(f.reason()).isEqualTo(Reason.USER_INACTIVE);
            assertThat(f.message()).contains("suspended");
        });
    }

    @Test
    void dormantUserIsActivatedOnceThroughTheStore() {
        UserRow dormant = user(UserRow.DORMANT);
        String token = session(dormant);
        assertThat(validate(token)).isInstanceOfSatisfying(Authenticated.class,
                a -> assertThat(a.user().status()).isEqualTo(UserRow.ACTIVE));
        assertThat(validate(token)).isInstanceOf(Authenticated.class);
        assertThat(store.activated).containsExactly(dormant.id());
    }

    @Test
    void failedDormantActivationIsA500() {
        String token = session(user(UserRow.DORMANT));
        store.failActivate = new IllegalStateException("down");
        assertThat(validate(token)).isInstanceOfSatisfying(HardFailure.class,
                f -> assertThat(f.status()).isEqualTo(500));
    }

    @Test
    void usageIsQueuedOnFirstUseThenAtMostHourly() {
        UserRow owner = user(UserRow.ACTIVE);
        String token = key(TokenKind.API_TOKEN, "token", owner, Duration.ofDays(7), false, Instant.EPOCH);
        validate(token);
        clock.advance(Duration.ofMinutes(59));
        validate(token);
        usage.flush(Duration.ofSeconds(5));
        assertThat(written).hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        validate(token);
        usage.flush(Duration.ofSeconds(5));
        assertThat(written).hasSize(2);
        assertThat(written.get(1).lastUsed()).isEqualTo(clock.instant());
    }

    @Test
    void onlySlidingSessionsSlideAndOnlyWhenAtMostLMinusOneHourRemains() {
        UserRow owner = user(UserRow.ACTIVE);
        String session = session(owner);
        String token = key(TokenKind.API_TOKEN, "token", owner, Duration.ofHours(24), false, clock.instant());
        clock.advance(Duration.ofMinutes(59));
        validate(session);
        validate(token);
        usage.flush(Duration.ofSeconds(5));
        assertThat(written).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        Authenticated slid = (Authenticated) validate(session);
        Authenticated fixed = (Authenticated) validate(token);
        assertThat(slid.key().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(fixed.key().expiresAt()).isEqualTo(fixed.key().createdAt().plus(Duration.ofHours(24)));
    }

    @Test
    void disabledRefreshNeverSlides() {
        ApiKeyValidator noSlide = new ApiKeyValidator(store, cache, usage, clock, true);
        String session = session(user(UserRow.ACTIVE));
        Instant original = ((Authenticated) noSlide.validate(session, IP, REQUEST)).key().expiresAt();
        clock.advance(Duration.ofHours(2));
        assertThat(((Authenticated) noSlide.validate(session, IP, REQUEST)).key().expiresAt()).isEqualTo(original);
    }

    @Test
    void aSlideStillQueuedIsSeenByAReloadButNeverRevivesAKeyExpiredMeanwhile() {
        UserRow owner = user(UserRow.ACTIVE);
        String session = session(owner);
        String id = ((ParseResult.Valid) TokenFormat.parse(session)).id();
        clock.advance(Duration.ofHours(2));
        UsageWriter stalled = new UsageWriter(batch -> {
            throw new IllegalStateException("stalled");
        }, new SimpleMeterRegistry());
        try {
            ApiKeyValidator v = new ApiKeyValidator(store, cache, stalled, clock, false);
            assertThat(v.validate(session, IP, REQUEST)).isInstanceOf(Authenticated.class);
            // The row is expired by someone else before the slide was written.
            ApiKeyRow k = store.rows.get(id).key();
            ApiKeyRow expired = new ApiKeyRow(k.id(), k.hashedSecret(), k.userId(), k.lastUsed(),
                    clock.instant().minusSeconds(1), k.createdAt(), k.updatedAt(), k.loginType(), k.lifetimeSeconds(),
                    k.ipAddress(), k.tokenName(), k.scopes(), k.allowList(), k.slidingExpiry());
            store.rows.put(id, new PrincipalRow(expired, store.rows.get(id).user(), store.rows.get(id).memberships()));
            cache.keyChanged(id);
            assertThat(v.validate(session, IP, REQUEST)).isInstanceOfSatisfying(SoftFailure.class,
                    f -> assertThat(f.reason()).isEqualTo(Reason.EXPIRED));
        } finally {
            stalled.close();
        }
    }

    @Test
    void principalCarriesMembershipsAndNoPasswordHash() {
        String token = session(user(UserRow.ACTIVE));
        Authenticated a = (Authenticated) validate(token);
        assertThat(a.principal().memberships()).hasSize(1);
        assertThat(a.user().hashedPassword()).isEmpty();
        assertThat(a.subject().siteRoles()).contains("member");
    }
}
