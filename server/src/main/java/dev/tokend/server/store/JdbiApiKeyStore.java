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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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

    /**
     * One transaction: the users' last-seen times, then the keys' usage, each in id order. Rows
     * another transaction has locked are skipped, never waited for (the statements' SKIP LOCKED):
     * a usage write is not worth delaying a request's transaction, and a writer that never waits
     * cannot deadlock with a user's deletion or a password change (found in CI: the writer held a
     * key and waited for its user, whose deletion held the user and waited for the key). What a
     * skipped row loses is one usage write: a key being deleted or expired needs none, and a slide
     * only applies to an expiry nobody changed meanwhile.
     */
    @Override
    public void write(List<UsageWriter.Usage> batch) {
        List<UsageWriter.Usage> byKey = batch.stream().sorted(Comparator.comparing(UsageWriter.Usage::keyId)).toList();
        // One row per user, with the latest time.
        Map<UUID, Instant> seen = new TreeMap<>();
        batch.forEach(u -> seen.merge(u.userId(), u.now(), (a, b) -> a.isAfter(b) ? a : b));
        jdbi.useTransaction(h -> {
            h.attach(UserDao.class).updateUserLastSeenBatch(List.copyOf(seen.keySet()), List.copyOf(seen.values()));
            h.attach(ApiKeyDao.class).updateApiKeyUsageBatch(
                    byKey.stream().map(UsageWriter.Usage::keyId).toList(),
                    byKey.stream().map(UsageWriter.Usage::lastUsed).toList(),
                    byKey.stream().map(UsageWriter.Usage::slidFrom).toList(),
                    byKey.stream().map(UsageWriter.Usage::expiresAt).toList(),
                    byKey.stream().map(UsageWriter.Usage::ipAddress).toList());
        });
    }

    /** Every key id (the cache's known-id filter, after each (re)connection of the listener). */
    List<String> allKeyIds() {
        return jdbi.withExtension(ApiKeyDao.class, ApiKeyDao::allApiKeyIds);
    }
}
