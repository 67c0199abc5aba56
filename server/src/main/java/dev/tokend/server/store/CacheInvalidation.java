package dev.tokend.server.store;

import dev.tokend.server.auth.KeyCache;
import dev.tokend.server.db.NotificationListener;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the database's {@code tokend_auth} notifications (migration V3) into evictions of the
 * validation cache, and the listener's connection state into the cache's trust: connected and
 * loaded → usable; disconnected → flushed and bypassed.
 */
public final class CacheInvalidation implements NotificationListener.Handler {
    /** NOTE: the channel name is also in migration V3's trigger functions. */
    public static final String CHANNEL = "tokend_auth";
    private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidation.class);

    private final KeyCache cache;
    private final Stores stores;

    public CacheInvalidation(KeyCache cache, Stores stores) {
        this.cache = Objects.requireNonNull(cache);
        this.stores = Objects.requireNonNull(stores);
    }

    @Override
    public void connected() {
        // Anything cached before this (re)connection may have missed a notification: start clean.
        cache.connected(stores.allKeyIds());
    }

    @Override
    public void notified(String payload) {
        if ("f:".equals(payload)) {
            cache.disconnected(); // a bulk change: start clean, as after a reconnection
            cache.connected(stores.allKeyIds());
            return;
        }
        if (payload == null || payload.length() < 3 || payload.charAt(1) != ':') {
            LOG.warn("ignoring a malformed invalidation notification");
            return;
        }
        String value = payload.substring(2);
        switch (payload.charAt(0)) {
            case 'n' -> cache.keyCreated(value);
            case 'k' -> cache.keyChanged(value);
            case 'd' -> cache.keyDeleted(value);
            case 'u' -> {
                try {
                    cache.userChanged(UUID.fromString(value));
                } catch (IllegalArgumentException e) {
                    cache.disconnected(); // cannot tell whom it concerns: distrust everything until reconnect
                    cache.connected(stores.allKeyIds());
                }
            }
            default -> LOG.warn("ignoring an unknown invalidation notification");
        }
    }

    @Override
    public void disconnected() {
        cache.disconnected();
    }
}
