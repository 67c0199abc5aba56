package dev.tokend.server.store;

import dev.tokend.server.auth.ApiKeyStore;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.db.ApiKeyRow;

import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserRow;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** {@link ApiKeyStore} on PostgreSQL. */
final class JdbiApiKeyStore implements ApiKeyStore {
    private final Jdbi jdbi;
    private final AuthorizedUsers users;
    private final io.micrometer.core.instrument.Counter lookups;

    JdbiApiKeyStore(Jdbi jdbi, AuthorizedUsers users, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.users = Objects.requireNonNull(users, "users");
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
    public boolean activateDormant(UserRow user, UUID requestId, java.net.InetAddress clientIp) {
        return users.activateIfDormant(requestId, clientIp, user);
    }
}
