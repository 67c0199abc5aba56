package dev.tokend.sdk.verify;

import dev.tokend.sdk.model.User;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The verifier's memory of positive answers: at most {@code maxSize} entries, each valid for
 * {@code ttl} after it was stored, the oldest evicted first. Keys are token digests, never tokens.
 *
 * <p>A deliberately small structure instead of a cache library: the SDK stays dependency-light,
 * and with a short TTL and insertion-order eviction there is nothing to tune. One lock guards the
 * map; its work is a hash lookup, far cheaper than the HTTP call a miss costs.
 */
final class VerifiedCache {
    private final Duration ttl;
    private final int maxSize;
    private final InstantSource clock;
    private final LinkedHashMap<String, Remembered> entries;

    private record Remembered(User user, Instant expiresAt) {}

    VerifiedCache(Duration ttl, int maxSize, InstantSource clock) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.maxSize = maxSize;
        this.clock = Objects.requireNonNull(clock, "clock");
        // Insertion order: a re-verified token is removed and re-inserted, so "eldest" is the
        // entry stored longest ago, which is also the one closest to expiry.
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > VerifiedCache.this.maxSize;
            }
        };
    }

    /** The cached user for {@code digest}, unless absent or expired (an expired entry is dropped). */
    synchronized Optional<User> get(String digest) {
        Remembered entry = entries.get(digest);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(digest);
            return Optional.empty();
        }
        return Optional.of(entry.user());
    }

    synchronized void put(String digest, User user) {
        entries.remove(digest);
        entries.put(digest, new Remembered(user, clock.instant().plus(ttl)));
    }

    synchronized void remove(String digest) {
        entries.remove(digest);
    }

    synchronized int size() {
        return entries.size();
    }
}
