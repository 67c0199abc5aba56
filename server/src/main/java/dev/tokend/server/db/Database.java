package dev.tokend.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.SqlObjects;

/** The connection pool and the Jdbi handle over it. Closing it closes the pool. */
public final class Database implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(HikariDataSource pool, Jdbi jdbi) {
        this.pool = pool;
        this.jdbi = jdbi;
    }

    /**
     * Opens a pool on {@code jdbcUrl}, migrates the schema, and prepares Jdbi with the named queries.
     *
     * @param connectionTimeout how long a request waits for a connection before failing (and
     *     answering 500): short, so a dead database is reported instead of hanging every request
     */
    public static Database open(String jdbcUrl, String user, String password, int maxPoolSize,
            Duration connectionTimeout, List<Class<?>> daos, io.micrometer.core.instrument.MeterRegistry metrics) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
        if (user != null && !user.isEmpty()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setPoolName("tokend");
        config.setMaximumPoolSize(maxPoolSize);
        // Grow on demand instead of holding the maximum open: several tokend replicas (and test servers)
        // share one PostgreSQL and its max_connections.
        config.setMinimumIdle(Math.min(2, maxPoolSize));
        config.setConnectionTimeout(connectionTimeout.toMillis());
        // A connection idle for more than half a second is checked (isValid) before it is handed out; after
        // a database restart every pooled connection is dead, so each check must fail fast rather than
        // take Hikari's default 5 s. Broken connections are evicted and new ones made as the server is back.
        config.setValidationTimeout(Math.max(250, Math.min(1_000, connectionTimeout.toMillis() / 2)));
        // Fail fast at start-up when the database is unreachable rather than on the first request.
        config.setInitializationFailTimeout(connectionTimeout.toMillis());
        config.setMetricRegistry(metrics); // hikaricp_connections_* gauges
        long started = System.nanoTime();
        HikariDataSource pool = new HikariDataSource(config); // opens the first connection
        long pooled = System.nanoTime();
        try {
            NamedQueries queries = NamedQueries.load();
            daos.forEach(queries::verify);
            queries.verify(SchemaDao.class);
            Jdbi jdbi = Jdbi.create(pool)
                    .installPlugin(new SqlObjectPlugin())
                    .installPlugin(new PostgresPlugin());
            jdbi.getConfig(SqlObjects.class).setSqlLocator(queries);
            long prepared = System.nanoTime();
            boolean current = Migrations.isCurrent(jdbi);
            if (!current) {
                Migrations.migrate(pool);
            }
            LOG.debug("Start-up: pool and first connection {} ms, named queries and Jdbi {} ms, migrations {} ms ({})",
                    (pooled - started) / 1_000_000, (prepared - pooled) / 1_000_000,
                    (System.nanoTime() - prepared) / 1_000_000,
                    current ? "schema current, Flyway not run" : "Flyway migrated");
            return new Database(pool, jdbi);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
