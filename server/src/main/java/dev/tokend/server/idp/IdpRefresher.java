package dev.tokend.server.idp;

import dev.tokend.server.auth.ApiKeyValidator;
import dev.tokend.server.auth.LinkedSessionCheck;
import dev.tokend.server.auth.ValidationResult;
import dev.tokend.server.auth.ValidationResult.HardFailure;
import dev.tokend.server.auth.ValidationResult.Reason;
import dev.tokend.server.auth.ValidationResult.SoftFailure;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.UserLinkDao;
import dev.tokend.server.db.UserLinkRow;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IdP part of key validation (reference §B) for {@code oidc} and {@code github} sessions: the
 * link must exist; when its {@code oauth_expiry} has passed (the zero time never passes) the IdP
 * token is refreshed and the link updated. The API key itself is not touched: its expiry and
 * sliding follow the usual rules.
 *
 * <p>tokend decision (issue 12): concurrent requests that find the same expired link refresh it
 * once. A refresh holds a per-link lock in this process, then the link's row lock
 * ({@code SELECT … FOR UPDATE}) across replicas, and re-reads the link: whoever comes second finds
 * it current and uses the winner's tokens, so IdPs that rotate refresh tokens do not fail the loser.
 */
public final class IdpRefresher implements LinkedSessionCheck {
    private static final Logger LOG = LoggerFactory.getLogger(IdpRefresher.class);
    // NOTE: stable wire strings (reference §B).
    static final String LINK_MISSING = "You must re-authenticate with the login provider.";
    static final String DB_ERROR = "A database error occurred";
    /** The Go time layout the reference prints expiry instants in: {@code 2025-08-31 12:00:00 +0000 UTC}. */
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Jdbi jdbi;
    private final Map<String, TokenRefresher> refreshers;
    private final TokenCipher cipher;
    private final IdpMetrics metrics;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public IdpRefresher(Jdbi jdbi, Map<String, TokenRefresher> refreshersByLoginType, TokenCipher cipher,
            MeterRegistry registry) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.refreshers = Map.copyOf(refreshersByLoginType);
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.metrics = new IdpMetrics(registry);
    }

    @Override
    public Optional<ValidationResult.Failure> check(ApiKeyRow key, Instant now) {
        String type = key.loginType();
        if (!type.equals("oidc") && !type.equals("github")) {
            return Optional.empty();
        }
        UserLinkRow link;
        try {
            Optional<UserLinkRow> found = jdbi.withExtension(UserLinkDao.class,
                    dao -> dao.getUserLink(key.userId(), type));
            if (found.isEmpty()) {
                return Optional.of(new SoftFailure(Reason.UNKNOWN_KEY, LINK_MISSING));
            }
            link = found.get();
        } catch (RuntimeException e) {
            LOG.error("reading the {} link of user {} failed", type, key.userId(), e);
            return Optional.of(new HardFailure(Reason.INTERNAL, 500, DB_ERROR,
                    "get user link by user ID and login type: " + rootMessage(e)));
        }
        if (current(link, now)) {
            return Optional.empty();
        }
        TokenRefresher refresher = refreshers.get(type);
        if (refresher == null) {
            metrics.refresh(type, "not_configured");
            return Optional.of(new HardFailure(Reason.INTERNAL, 500, ApiKeyValidator.INTERNAL,
                    "Unable to refresh OAuth token for login type \"" + type + "\". OAuth2Config not provided. "
                            + "Contact an administrator to configure this login type."));
        }
        if (link.refreshToken().isEmpty()) {
            metrics.refresh(type, "no_refresh_token");
            return Optional.of(new SoftFailure(Reason.EXPIRED, friendly(type) + " session expired at \""
                    + goTime(link.expiry()) + "\". Try signing in again."));
        }
        ReentrantLock lock = locks.computeIfAbsent(key.userId() + "/" + type, k -> new ReentrantLock());
        lock.lock();
        try {
            return refreshLocked(key.userId(), type, refresher, now);
        } finally {
            lock.unlock();
            if (!lock.hasQueuedThreads()) {
                locks.remove(key.userId() + "/" + type, lock);
            }
        }
    }

    private Optional<ValidationResult.Failure> refreshLocked(UUID userId, String type, TokenRefresher refresher,
            Instant now) {
        try {
            return jdbi.inTransaction(h -> {
                UserLinkDao dao = h.attach(UserLinkDao.class);
                Optional<UserLinkRow> locked = dao.lockUserLink(userId, type);
                if (locked.isEmpty()) {
                    return Optional.of(new SoftFailure(Reason.UNKNOWN_KEY, LINK_MISSING));
                }
                UserLinkRow link = locked.get();
                if (current(link, now)) {
                    metrics.refresh(type, "already_refreshed");
                    return Optional.empty(); // another request refreshed it while we waited
                }
                IdpTokens fresh;
                try {
                    fresh = refresher.refresh(cipher.open(IdpLoginsColumns.REFRESH, link.refreshToken(),
                            link.refreshTokenKeyId()));
                } catch (RefreshFailedException e) {
                    metrics.refresh(type, "failed");
                    return Optional.of(new HardFailure(Reason.EXPIRED, 401, "Could not refresh expired "
                            + friendly(type) + " token. Try re-authenticating to resolve this issue.", e.getMessage()));
                }
                TokenCipher.Sealed access = cipher.seal(IdpLoginsColumns.ACCESS, fresh.accessToken());
                TokenCipher.Sealed refresh = cipher.seal(IdpLoginsColumns.REFRESH, fresh.refreshToken());
                dao.updateUserLinkTokens(userId, type, access.value(), access.keyId(), refresh.value(),
                        refresh.keyId(), fresh.expiry());
                metrics.refresh(type, "refreshed");
                return Optional.<ValidationResult.Failure>empty();
            });
        } catch (RuntimeException e) {
            LOG.error("refreshing the {} link of user {} failed", type, userId, e);
            return Optional.of(new HardFailure(Reason.INTERNAL, 500, ApiKeyValidator.INTERNAL,
                    "update user_link: " + rootMessage(e) + "."));
        }
    }

    /**
     * The driver's message, never Jdbi's: Jdbi's exception text lists the bound arguments, which here
     * include the IdP's tokens.
     */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof org.jdbi.v3.core.statement.StatementException ? "statement failed"
                : String.valueOf(root.getMessage());
    }

    /** Zero expiry never expires; otherwise current while {@code now} is not after it (§B step 2). */
    private static boolean current(UserLinkRow link, Instant now) {
        return !link.expires() || !link.expiry().isBefore(now);
    }

    static String friendly(String loginType) {
        return loginType.equals("github") ? "GitHub" : "OpenID Connect";
    }

    /** Go's default time format in UTC, fractional seconds only when present. */
    static String goTime(Instant t) {
        var utc = t.atOffset(ZoneOffset.UTC);
        String base = GO_TIME.format(utc);
        int nanos = utc.getNano();
        String frac = nanos == 0 ? "" : ("." + String.format("%09d", nanos)).replaceAll("0+$", "");
        return base + frac + " +0000 UTC";
    }
}
