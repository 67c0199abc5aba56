package dev.tokend.testkit;

import dev.tokend.server.db.EmbeddedDatabase;
import dev.tokend.server.db.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL per test JVM, and a fresh database with the migrated schema per call
 * of {@link #newDatabase()}, so test classes can run concurrently without seeing each other's
 * rows.
 *
 * <p>The server starts on first use, with its data in a temporary directory that is deleted when
 * the JVM exits. Its binaries are extracted once per machine under
 * {@code ~/.cache/tokend/postgres-bin} (or the directory named by the system property
 * {@value #BINARIES_PROPERTY}). Databases are cloned with {@code CREATE DATABASE ... TEMPLATE}
 * from a template that is migrated once per JVM, which takes milliseconds instead of running
 * every migration again.
 */
public final class TestDatabase {
    /** System property naming where to keep the extracted PostgreSQL binaries. */
    public static final String BINARIES_PROPERTY = "tokend.testkit.postgres-bin";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static final String TEMPLATE = "tokend_template";
    private static final String DATA_DIR_PREFIX = "tokend-test-pg-";
    /** A directory this old whose owner is gone was left by a killed test JVM. */
    private static final Duration LEFTOVER_AGE = Duration.ofMinutes(1);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /**
     * Test data need not survive a crash of the machine; skipping the flushes makes creating
     * databases and committing much faster.
     */
    private static final Map<String, String> SETTINGS =
            Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off",
                    // Test classes run in parallel, each with servers and pools of its own.
                    "max_connections", "500");

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static EmbeddedDatabase server; // guarded by TestDatabase.class

    private TestDatabase() {}

    /**
     * A database made for one test.
     *
     * @param name the database's name
     * @param url its JDBC URL, without credentials
     * @param user the user to connect as
     * @param password that user's password
     */
    public record Database(String name, String url, String user, String password) {
        /** Checks that no component is null. */
        public Database {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        /** The JDBC URL with {@code user} and {@code password} parameters, usable on its own. */
        public String urlWithCredentials() {
            return url + "?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        }

        /** A non-pooling data source for this database. */
        public DataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        }

        /** Never shows the password, since records print themselves in assertion messages. */
        @Override
        public String toString() {
            return "Database[name=" + name + ", url=" + url + ", user=" + user + "]";
        }
    }

    /** Creates a database with the migrated schema and no rows, unique within this JVM. */
    public static Database newDatabase() {
        EmbeddedDatabase db = server();
        String name = "test_" + SEQUENCE.incrementAndGet();
        // Several threads may clone the template at once: each takes only a share lock on it.
        admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return new Database(name, db.jdbcUrl(name), db.user(), db.password());
    }

    /** Creates a database like {@link #newDatabase()} and returns its URL with credentials. */
    public static String newDatabaseUrl() {
        return newDatabase().urlWithCredentials();
    }

    /**
     * Makes {@code databaseName} unreachable, as if its server were down: ends its sessions
     * (waiting until they are gone) and refuses new ones with SQLState 55000 until
     * {@link #reconnect(String)}.
     */
    public static void disconnect(String databaseName) {
        checkName(databaseName);
        server();
        admin("ALTER DATABASE " + databaseName + " ALLOW_CONNECTIONS false");
        terminateSessions(databaseName);
    }

    /** Lets {@code databaseName} accept connections again after {@link #disconnect(String)}. */
    public static void reconnect(String databaseName) {
        checkName(databaseName);
        server();
        admin("ALTER DATABASE " + databaseName + " ALLOW_CONNECTIONS true");
    }

    /** Drops {@code databaseName}, ending its sessions, to free its disk space early. */
    public static void drop(String databaseName) {
        checkName(databaseName);
        if (databaseName.equals(TEMPLATE)) {
            throw new IllegalArgumentException("the template is shared by every test");
        }
        server();
        admin("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
    }

    /** The JVM's embedded server, started (and the template migrated) on first use. */
    public static synchronized EmbeddedDatabase server() {
        if (server == null) {
            server = startServer();
        }
        return server;
    }

    private static EmbeddedDatabase startServer() {
        removeLeftovers();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory(DATA_DIR_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the test database", e);
        }
        EmbeddedDatabase started = EmbeddedDatabase.start(dataDir, binariesDir(dataDir), SETTINGS);
        // One hook does both, in order: the directory can go only once the server has stopped.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            deleteRecursively(dataDir);
        }, "test-database-cleanup"));
        try {
            createTemplate(started);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /**
     * Migrates a template database and closes it to connections: CREATE DATABASE refuses a
     * template that has sessions, and Flyway's connections end asynchronously after it closes
     * them, so they are terminated and awaited rather than hoped gone.
     */
    private static void createTemplate(EmbeddedDatabase db) {
        long startedAt = System.nanoTime();
        try (Connection c = db.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + TEMPLATE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the template database", e);
        }
        Migrations.migrate(db.dataSource(TEMPLATE));
        try (Connection c = db.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + TEMPLATE + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the template database", e);
        }
        terminateSessions(db, TEMPLATE);
        LOG.info("Test database template migrated in {} ms", (System.nanoTime() - startedAt) / 1_000_000);
    }

    private static void terminateSessions(String databaseName) {
        terminateSessions(server(), databaseName);
    }

    private static void terminateSessions(EmbeddedDatabase db, String databaseName) {
        // The timeout makes pg_terminate_backend wait until each session has really ended.
        String sql = "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                + " WHERE datname = ? AND pid <> pg_backend_pid()";
        try (Connection c = db.dataSource("postgres").getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, databaseName);
            s.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the sessions of " + databaseName, e);
        }
    }

    private static void admin(String sql) {
        try (Connection c = server().dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database administration failed: " + sql, e);
        }
    }

    private static void checkName(String databaseName) {
        Objects.requireNonNull(databaseName, "databaseName");
        // Names are spliced into SQL, where they cannot be parameters.
        if (!NAME.matcher(databaseName).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + databaseName);
        }
    }

    /** Shared across runs and JVMs; the library locks it while extracting. */
    private static Path binariesDir(Path dataDir) {
        String configured = System.getProperty(BINARIES_PROPERTY);
        Path dir = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "tokend", "postgres-bin");
        try {
            Files.createDirectories(dir.getParent());
            return dir;
        } catch (IOException e) {
            LOG.warn("Cannot use {} for PostgreSQL binaries; extracting them for this run only", dir, e);
            return dataDir.resolve("postgres-bin");
        }
    }

    /**
     * Stops the servers and deletes the directories of test JVMs that were killed before their
     * shutdown hook ran, which would otherwise keep running and fill the temporary directory.
     */
    private static void removeLeftovers() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Instant oldEnough = Instant.now().minus(LEFTOVER_AGE);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, DATA_DIR_PREFIX + "*")) {
            for (Path dir : dirs) {
                removeIfLeftover(dir, oldEnough);
            }
        } catch (IOException e) {
            LOG.warn("Cannot look for earlier test runs' directories in {}", tmp, e);
        }
    }

    private static void removeIfLeftover(Path dir, Instant oldEnough) {
        try {
            // Age guards the moment between a starting JVM creating its directory and locking it.
            FileTime modified = Files.getLastModifiedTime(dir);
            if (modified.toInstant().isBefore(oldEnough) && EmbeddedDatabase.stopOrphan(dir)) {
                LOG.info("Removing {} left by an earlier test run", dir);
                deleteRecursively(dir);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot clean up {}", dir, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot delete {}", dir, e);
        }
    }
}
