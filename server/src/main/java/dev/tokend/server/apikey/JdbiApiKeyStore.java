package dev.tokend.server.apikey;

import dev.tokend.server.user.UserDao;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** {@link ApiKeyStore} on PostgreSQL. */
public final class JdbiApiKeyStore implements ApiKeyStore {
    private final Jdbi jdbi;

    public JdbiApiKeyStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<ApiKeyRow> findKey(String id) {
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
    public boolean activateDormant(UUID userId, Instant now) {
        return jdbi.withExtension(UserDao.class, dao -> dao.activateDormantUser(userId, now)) > 0;
    }
}
