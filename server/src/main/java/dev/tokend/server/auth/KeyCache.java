package dev.tokend.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tokend.server.db.ApiKeyRow;
import dev.tokend.server.db.Membership;
import dev.tokend.server.db.UserRow;
import dev.tokend.server.rbac.Subject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The validation cache (issue 10): key id → the key row and its compiled principal, so that a
 * valid key is checked at memory speed. What it guarantees:
 * <ul>
 *   <li><b>Nothing is trusted blindly.</b> A hit still has its secret compared in constant time and
 *       its expiry checked against the injected clock by {@link ApiKeyValidator}; an entry never
 *       outlives the key's {@code expires_at}.</li>
 *   <li><b>Revocation cannot outrun it.</b> Every change that can make an entry stale notifies all
 *       replicas on commit ({@code pg_notify}, migration V3); {@link #keyChanged}/{@link #userChanged}
 *       evict. The writing replica evicts as soon as it commits. While the listening connection is
 *       down (or may have missed a notification) the cache is flushed and bypassed: every request
 *       reads the database until the listener is back.</li>
 *   <li><b>No lost invalidation.</b> A load that raced an eviction is not stored: loads remember
 *       the invalidation epoch they started in and {@link #put} drops a result from an older epoch.</li>
 *   <li><b>Bounded.</b> At most {@code maxSize} entries, each for at most the TTL backstop.</li>
 *   <li><b>A flood of random tokens is not a flood of queries.</b> Ids the server has never seen
 *       (the known-id filter, kept current by the same notifications) are looked up only within a
 *       small global budget per second; unknown ids are remembered briefly.</li>
 * </ul>
 */
public final class KeyCache implements KeyEvents {
    /** A cached principal: the key row as last read (with usage this replica has recorded since), and its subject. */
    public record Entry(ApiKeyRow key, UserRow user, List<Membership> memberships, Subject subject) {
        public Entry {
            Objects.requireNonNull(key);
            Objects.requireNonNull(user);
            memberships = List.copyOf(memberships);
            Objects.requireNonNull(subject);
        }
    }

    /** How long an unknown id is remembered as unknown. */
    static final Duration UNKNOWN_TTL = Duration.ofSeconds(10);
    /** Lookups per second of ids the known-id filter has never seen (fresh keys of other replicas, attacks). */
    static final int UNSEEN_LOOKUPS_PER_SECOND = 100;

    private final Cache<String, Entry> entries;
    private final Cache<String, Boolean> unknown;
    private final boolean enabled;
    private final Set<String> knownIds = ConcurrentHashMap.newKeySet();
    private volatile boolean connected;
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong budgetWindow = new AtomicLong();
    private final AtomicLong budgetUsed = new AtomicLong();
    private final Counter hits;
    private final Counter misses;
    private final Counter refusedUnseen;
    private final Counter evictions;
    private final InstantSource clock;

    /**
     * @param ttl the TTL backstop; zero disables the cache (every validation reads the database)
     */
    public KeyCache(Duration ttl, long maxSize, InstantSource clock, MeterRegistry metrics) {
        Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.enabled = !ttl.isZero() && !ttl.isNegative();
        this.entries = Caffeine.newBuilder().ticker(ticker).maximumSize(Math.max(1, maxSize))
                .expireAfterWrite(enabled ? ttl : Duration.ofNanos(1)).build();
        this.unknown = Caffeine.newBuilder().ticker(ticker).maximumSize(Math.max(1, Math.min(maxSize, 10_000)))
                .expireAfterWrite(UNKNOWN_TTL).build();
        this.hits = Counter.builder("tokend_api_key_cache").tag("result", "hit")
                .description("Validation cache lookups").register(metrics);
        this.misses = Counter.builder("tokend_api_key_cache").tag("result", "miss")
                .description("Validation cache lookups").register(metrics);
        this.refusedUnseen = Counter.builder("tokend_api_key_unseen_refused")
                .description("Never-seen key ids refused without a lookup (over the per-second budget)")
                .register(metrics);
        this.evictions = Counter.builder("tokend_api_key_cache_evictions")
                .description("Entries evicted by revocation notifications or local changes").register(metrics);
        Gauge.builder("tokend_api_key_cache_size", entries, Cache::estimatedSize)
                .description("Entries in the validation cache").register(metrics);
    }

    /** A disabled cache, for tests and {@code --api-key-cache-ttl 0}. */
    public static KeyCache disabled(InstantSource clock, MeterRegistry metrics) {
        return new KeyCache(Duration.ZERO, 1, clock, metrics);
    }

    /** The cached entry, when the cache is usable now. */
    public Entry get(String id) {
        if (!usable()) {
            return null;
        }
        Entry e = entries.getIfPresent(id);
        (e == null ? misses : hits).increment();
        return e;
    }

    /** The epoch to hand back to {@link #put}: read it before loading from the database. */
    public long epoch() {
        return epoch.get();
    }

    /** Stores a freshly loaded entry unless an invalidation happened since {@code loadEpoch}. */
    public void put(String id, Entry entry, long loadEpoch) {
        knownIds.add(id);
        if (usable() && epoch.get() == loadEpoch) {
            entries.put(id, entry);
        }
    }

    /** Replaces an entry with usage this replica recorded (never resurrects an evicted one). */
    public void refresh(String id, Entry entry) {
        entries.asMap().computeIfPresent(id, (k, old) -> entry);
    }

    /**
     * Whether looking {@code id} up is worth a query: known ids always are; ids remembered as unknown
     * are not; never-seen ids only within the per-second budget while the filter is complete.
     */
    public boolean mayLoad(String id) {
        if (unknown.getIfPresent(id) != null) {
            return false;
        }
        if (!usable() || knownIds.contains(id)) {
            return true;
        }
        long second = clock.millis() / 1000; // the injected clock: tests hold time still
        if (budgetWindow.getAndSet(second) != second) {
            budgetUsed.set(0);
        }
        if (budgetUsed.incrementAndGet() <= UNSEEN_LOOKUPS_PER_SECOND) {
            return true;
        }
        refusedUnseen.increment();
        return false;
    }

    /** Remembers that {@code id} names no key. */
    public void rememberUnknown(String id) {
        unknown.put(id, Boolean.TRUE);
    }

    // ---- invalidation (KeyEvents) ---------------------------------------------------------------

    @Override
    public void keyCreated(String id) {
        knownIds.add(id);
        unknown.invalidate(id);
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * Waits (bounded) until {@code id} is in the known-id filter (its creation notification has
     * arrived) or the cache is not in use. For tests that insert keys behind the server's back.
     */
    public synchronized boolean awaitKnown(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (usable() && !knownIds.contains(id)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void keyChanged(String id) {
        epoch.incrementAndGet();
        if (entries.asMap().remove(id) != null) {
            evictions.increment();
        }
    }

    @Override
    public void keyDeleted(String id) {
        keyChanged(id);
        knownIds.remove(id);
    }

    @Override
    public void userChanged(UUID userId) {
        epoch.incrementAndGet();
        entries.asMap().values().removeIf(e -> {
            boolean match = e.key().userId().equals(userId);
            if (match) {
                evictions.increment();
            }
            return match;
        });
    }

    /**
     * The listener is connected and has (re)loaded every key id: the cache may be used again. Called
     * after every (re)connection, so that nothing cached before a gap survives it.
     */
    public void connected(Set<String> allIds) {
        epoch.incrementAndGet();
        entries.invalidateAll();
        knownIds.clear();
        knownIds.addAll(allIds);
        synchronized (this) {
            connected = true;
            notifyAll();
        }
    }

    /**
     * Waits (bounded) until the cache is usable (its listener connected); returns at once when the
     * cache is disabled. For start-up checks and tests.
     */
    public synchronized boolean awaitUsable(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (enabled && !connected) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The listener lost its connection (or may have missed a notification): flush and bypass. */
    public void disconnected() {
        connected = false;
        epoch.incrementAndGet();
        entries.invalidateAll();
    }

    /** Whether entries may be served and stored now. */
    public boolean usable() {
        return enabled && connected;
    }

    public boolean enabled() {
        return enabled;
    }
}
