package dev.tokend.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of this JVM (message, key-value pairs, stack trace) as text, so tests
 * can assert what was logged and, above all, what never is: a token secret or hash.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {}

    /** Starts capturing on the root logger (named capture() because start() belongs to the appender life cycle). */
    public static LogCapture capture() {
        LoggerContext context = loggerContext();
        LogCapture capture = new LogCapture();
        capture.setContext(context);
        capture.setName("capture-" + System.identityHashCode(capture));
        capture.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(capture);
        return capture;
    }

    /**
     * Logback's context. While another thread is still initialising SLF4J (test classes start in
     * parallel), SLF4J hands out a temporary substitute; wait, bounded, for the real one.
     */
    private static LoggerContext loggerContext() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                return context;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("SLF4J is not bound to logback");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder()
                .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(": ")
                .append(event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(kv -> line.append(' ').append(kv.key).append('=').append(kv.value));
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(thrown));
        }
        synchronized (lines) {
            lines.add(line.toString());
            lines.notifyAll();
        }
    }

    /**
     * The first captured line matching {@code predicate}, waiting up to {@code timeout} for it: the
     * server writes a request's log line just after the client has received the answer.
     */
    public java.util.Optional<String> await(java.util.function.Predicate<String> predicate,
            java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                java.util.Optional<String> found = lines.stream().filter(predicate).findFirst();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    /** Everything captured so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** All captured text joined, for substring scans. */
    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        LoggerContext context = loggerContext();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(this);
        stop();
    }
}
