package dev.tokend.server.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one dedicated connection (outside the pool) that {@code LISTEN}s on a channel and hands
 * every notification to a {@link Handler}, on its own thread. When the connection fails, or is
 * closed from the database side, the handler hears {@link Handler#disconnected()} (notifications
 * may have been missed) and the listener reconnects with exponential backoff; after each
 * successful {@code LISTEN} it hears {@link Handler#connected()}. A quiet connection is probed
 * every few seconds, so a dead one is noticed without waiting for traffic.
 */
public final class NotificationListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    private static final int POLL_MILLIS = 250;
    private static final Duration PROBE_EVERY = Duration.ofSeconds(5);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** The application_name of the listening connection (operators and tests find it by this). */
    public static final String APPLICATION_NAME = "tokend-listener";

    /** What to do with what the connection hears. Called on the listener thread. */
    public interface Handler {
        void connected();

        void notified(String payload);

        void disconnected();
    }

    private final String jdbcUrl;
    private final Properties properties;
    private final String channel;
    private final Handler handler;
    private final Thread thread;
    private final Counter reconnects;
    private volatile boolean running = true;
    private volatile Connection current;

    public NotificationListener(String jdbcUrl, String user, String password, String channel, Handler handler,
            MeterRegistry metrics) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.channel = Objects.requireNonNull(channel, "channel");
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("channel must be a plain identifier");
        }
        this.handler = Objects.requireNonNull(handler, "handler");
        this.properties = new Properties();
        if (user != null && !user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        this.reconnects = Counter.builder("tokend_notification_listener_reconnects")
                .description("Times the revocation listener lost its connection and reconnected").register(metrics);
        this.thread = Thread.ofPlatform().daemon().name("tokend-notification-listener").unstarted(this::run);
    }

    /** Starts listening; returns at once (the first {@code connected()} comes from the listener thread). */
    public NotificationListener start() {
        thread.start();
        return this;
    }

    private void run() {
        Duration backoff = MIN_BACKOFF;
        boolean wasConnected = false;
        while (running) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, properties)) {
                current = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                if (wasConnected) {
                    LOG.info("revocation listener reconnected");
                }
                handler.connected();
                wasConnected = true;
                backoff = MIN_BACKOFF;
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("revocation listener lost its connection ({}); the validation cache is bypassed until it "
                            + "reconnects", e.getMessage());
                }
            } finally {
                current = null;
            }
            if (!running) {
                return;
            }
            handler.disconnected();
            reconnects.increment();
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastTraffic = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification n : notifications) {
                    handler.notified(n.getParameter());
                }
                lastTraffic = System.nanoTime();
            } else if (System.nanoTime() - lastTraffic > PROBE_EVERY.toNanos()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1"); // a dead connection fails here
                }
                lastTraffic = System.nanoTime();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the listener connection", e);
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
