package dev.tokend.server.store;

import dev.tokend.server.auth.ApiKeyStore;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.db.ApiKeyRow;

import dev.tokend.server.store.Auditor;
import dev.tokend.server.audit.Diffs;
import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserRow;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** {@link ApiKeyStore} on PostgreSQL. */
public final class JdbiApiKeyStore implements ApiKeyStore {
    private final Jdbi jdbi;
    private final Auditor auditor;
    private final io.micrometer.core.instrument.Counter lookups;

    public JdbiApiKeyStore(Jdbi jdbi, Auditor auditor, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.lookups = io.micrometer.core.instrument.Counter.builder("tokend_api_key_lookups")
                .description("API keys read from the database by the authentication path").register(metrics);
    }

    @Override
    public Optional<ApiKeyRow> findKey(String id) {
        lookups.increment();
        return jdbi.withExtension(ApiKeyDao.class, dao -> dao.getApiKeyById(id));
    }

    @Override
    public Optional<UserWithMemberships> findUser(UUID userId) {
        return jdbi.withExtension(UserDao.class, dao -> dao.getUserById(userId)
                .map(user -> new UserWithMemberships(user, dao.membershipsOfUsers(new UUID[] {userId}))));
    }

    @Override
    public void recordUsage(ApiKeyRow key, Instant lastUsed, Instant expiresAt, String ipAddress, Instant now) {
        jdbi.useTransaction(handle -> {
            handle.attach(ApiKeyDao.class).updateApiKeyUsage(key.id(), lastUsed, expiresAt, ipAddress);
            handle.attach(UserDao.class).updateUserLastSeen(key.userId(), now);
        });
    }

    @Override
    public boolean activateDormant(UserRow user, Instant now, java.net.InetAddress clientIp) {
        return jdbi.inTransaction(h -> {
            boolean activated = h.attach(UserDao.class).activateDormantUser(user.id(), now) > 0;
            if (activated) {
                auditor.write(h, Auditor.system(null, clientIp, "user", "write").resource(user.id(), user.username())
                        .diff(Diffs.status(UserRow.DORMANT, UserRow.ACTIVE)), 200);
            }
            return activated;
        });
    }
}
