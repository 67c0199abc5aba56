package dev.tokend.server.store;

import dev.tokend.server.auth.ApiKeyStore;
import dev.tokend.server.auth.UsageWriter;
import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.db.PrincipalRow;
import dev.tokend.server.db.UserDao;
import dev.tokend.server.db.UserRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ApiKeyStore} and the usage writer's sink on PostgreSQL. Every statement the authentication
 * path sends while a request waits is counted in {@code tokend_api_key_lookups} (the key lookup and
 * a dormant user's activation), so tests and operators can see what validation costs the database;
 * usage batches, written behind the response, are counted by the usage writer.
 */
final class JdbiApiKeyStore implements ApiKeyStore, UsageWriter.Sink {
    private final Jdbi jdbi;
    private final AuthorizedUsers users;
    private final Counter queries;

    JdbiApiKeyStore(Jdbi jdbi, AuthorizedUsers users, MeterRegistry metrics) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.users = Objects.requireNonNull(users, "users");
        this.queries = Counter.builder("tokend_api_key_lookups")
                .description("Queries sent by the authentication path while a request waits (lookups, dormancy)")
                .register(metrics);
    }

    @Override
    public Optional<PrincipalRow> load(String id) {
        queries.increment();
        return jdbi.withExtension(ApiKeyDao.class, dao -> dao.getPrincipalByKeyId(id));
    }

    @Override
    public boolean activateDormant(UserRow user, UUID requestId, InetAddress clientIp) {
        queries.increment();
        return users.activateIfDormant(requestId, clientIp, user);
    }

    /** One transaction: the keys' usage, then their users' last-seen times. */
    @Override
    public void write(List<UsageWriter.Usage> batch) {
        jdbi.useTransaction(h -> {
            h.attach(ApiKeyDao.class).updateApiKeyUsageBatch(
                    batch.stream().map(UsageWriter.Usage::keyId).toList(),
                    batch.stream().map(UsageWriter.Usage::lastUsed).toList(),
                    batch.stream().map(UsageWriter.Usage::slidFrom).toList(),
                    batch.stream().map(UsageWriter.Usage::expiresAt).toList(),
                    batch.stream().map(UsageWriter.Usage::ipAddress).toList());
            h.attach(UserDao.class).updateUserLastSeenBatch(batch.stream().map(UsageWriter.Usage::userId).toList(),
                    batch.stream().map(UsageWriter.Usage::now).toList());
        });
    }

    /** Every key id (the cache's known-id filter, after each (re)connection of the listener). */
    List<String> allKeyIds() {
        return jdbi.withExtension(ApiKeyDao.class, ApiKeyDao::allApiKeyIds);
    }
}
