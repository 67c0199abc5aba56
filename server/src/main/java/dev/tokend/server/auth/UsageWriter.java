package dev.tokend.server.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes key usage (last_used, IP, a slid expiry, the user's last_seen_at) behind the response, in
 * batches, on one background thread: validation only enqueues, so a request never waits for it. The
 * decision of what to write (at most hourly per key) is the validator's; this only writes. A failed
 * batch is logged and counted, never turned into a 401; a full queue drops (and counts) the update
 * rather than blocking a request.
 */
public final class UsageWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageWriter.class);
    private static final int QUEUE = 100_000;
    private static final int BATCH = 500;
    private static final Duration LINGER = Duration.ofMillis(50);

    /**
     * One key's usage to persist. {@code slidFrom} is the expiry the new {@code expiresAt} was
     * computed from: the write only moves the expiry if it is still that one, so a key expired or
     * changed meanwhile is never revived by a late usage write.
     */
    public record Usage(String keyId, UUID userId, Instant lastUsed, Instant slidFrom, Instant expiresAt,
            String ipAddress, Instant now) {}

    /** Persists a batch in one transaction. */
    public interface Sink {
        void write(List<Usage> batch);
    }

    private final Sink sink;
    private final BlockingQueue<Usage> queue = new ArrayBlockingQueue<>(QUEUE);
    /** Queued but not yet written, by key: reads of this replica see their own pending usage. */
    private final java.util.concurrent.ConcurrentHashMap<String, Usage> pending =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread thread;
    private final Counter written;
    private final Counter failed;
    private final Counter dropped;
    private final Object flushLock = new Object();
    private volatile boolean running = true;
    private long enqueued;
    private long done;

    public UsageWriter(Sink sink, MeterRegistry metrics) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.written = Counter.builder("tokend_api_key_usage_writes").tag("result", "written")
                .description("Key usage updates written behind the response").register(metrics);
        this.failed = Counter.builder("tokend_api_key_usage_writes").tag("result", "failed")
                .description("Key usage updates written behind the response").register(metrics);
        this.dropped = Counter.builder("tokend_api_key_usage_writes").tag("result", "dropped")
                .description("Key usage updates written behind the response").register(metrics);
        this.thread = Thread.ofPlatform().daemon().name("tokend-usage-writer").unstarted(this::run);
        thread.start();
    }

    /** Queues an update; never blocks. */
    public void enqueue(Usage usage) {
        synchronized (flushLock) {
            if (!queue.offer(usage)) {
                dropped.increment();
                return;
            }
            pending.put(usage.keyId(), usage);
            enqueued++;
        }
    }

    /** The usage of {@code keyId} queued and not yet written, if any. */
    public java.util.Optional<Usage> pending(String keyId) {
        return java.util.Optional.ofNullable(pending.get(keyId));
    }

    /** Waits (bounded) until everything enqueued before this call is written or has failed. For tests and shutdown. */
    public void flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (flushLock) {
            long target = enqueued;
            while (done < target && running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    flushLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void run() {
        List<Usage> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Usage first = queue.poll(LINGER.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    writeBatch(batch);
                    return;
                }
            }
        }
    }

    private void writeBatch(List<Usage> batch) {
        if (batch.isEmpty()) {
            return;
        }
        // The newest update per key wins within a batch.
        Map<String, Usage> latest = new LinkedHashMap<>();
        batch.forEach(u -> latest.put(u.keyId(), u));
        try {
            sink.write(List.copyOf(latest.values()));
            written.increment(batch.size());
        } catch (RuntimeException e) {
            failed.increment(batch.size());
            LOG.error("writing the usage of {} API keys failed; their last_used stays older", latest.size(), e);
        }
        synchronized (flushLock) {
            latest.values().forEach(u -> pending.remove(u.keyId(), u));
            done += batch.size();
            flushLock.notifyAll();
        }
        batch.clear();
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        flush(Duration.ofSeconds(5));
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
