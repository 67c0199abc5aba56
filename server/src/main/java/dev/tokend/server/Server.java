package dev.tokend.server;

import dev.tokend.server.api.MetaApi;

import dev.tokend.server.db.ApiKeyDao;
import dev.tokend.server.auth.ApiKeyValidator;
import dev.tokend.server.api.KeysApi;
import dev.tokend.server.api.TokensApi;
import dev.tokend.server.api.AuditApi;
import dev.tokend.server.db.AuditDao;
import dev.tokend.server.purge.ApiKeyPurger;
import dev.tokend.server.store.Stores;
import dev.tokend.server.store.CacheInvalidation;
import dev.tokend.server.auth.KeyCache;
import dev.tokend.server.auth.UsageWriter;
import dev.tokend.server.db.NotificationListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.tokend.server.db.Database;
import dev.tokend.server.db.EmbeddedDatabase;
import dev.tokend.server.db.PostgresUrl;
import dev.tokend.server.db.Readiness;
import dev.tokend.server.db.ReadinessEndpoint;
import dev.tokend.server.db.SiteConfigDao;
import dev.tokend.server.auth.AuthMetrics;
import dev.tokend.server.http.ClientIpResolver;
import dev.tokend.server.http.middleware.Cookies;
import dev.tokend.server.http.HttpMetrics;
import dev.tokend.server.http.Middleware;
import dev.tokend.server.http.middleware.PrecheckFilter;
import dev.tokend.server.ratelimit.ConcurrencyLimiter;
import dev.tokend.server.ratelimit.RateLimiter;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import dev.tokend.server.http.RequestLogFilter;
import dev.tokend.server.http.RouteTable;
import dev.tokend.server.http.middleware.ApiKeyMiddleware;
import dev.tokend.server.http.middleware.CsrfMiddleware;
import dev.tokend.server.auth.CsrfTokens;
import dev.tokend.server.http.middleware.UserParam;
import dev.tokend.server.api.AuthCheckApi;
import dev.tokend.server.rbac.RbacEngine;
import dev.tokend.server.api.AuthApi;
import dev.tokend.server.user.PasswordHasher;
import dev.tokend.server.db.UserDao;
import dev.tokend.server.api.UsersApi;
import dev.tokend.server.web.WebUi;
import io.helidon.webserver.WebServer;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running tokend: the embedded or external PostgreSQL, the pool, and the web server, wired by
 * hand. {@link #close()} stops them in reverse order: the listener first (in-flight requests
 * finish), then the pool, then the embedded PostgreSQL (a clean shutdown, so a restart on the same
 * data directory finds every committed row).
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final Duration DB_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** How long in-flight requests may take to finish when the server stops. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** Reference §3.6: login and password routes allow 60 requests per minute per principal. */
    private static final int LOGIN_RATE_LIMIT = 60;
    /** Validation cache entries kept at most; the least recently used go first. */
    private static final long API_KEY_CACHE_SIZE = 100_000;
    /** Rate-limit buckets kept at most (per limiter); idle ones are evicted first. */
    private static final long RATE_LIMIT_KEYS = 100_000;

    private final Database database;
    private final WebServer web;
    private final URI accessUrl;
    private final RouteTable routes;
    private final ApiKeyPurger purger;
    private final PrometheusMeterRegistry metrics;
    private final WebServer metricsServer;
    private final ConcurrencyLimiter loginConcurrency;
    private final UsageWriter usageWriter;
    private final KeyCache keyCache;
    private final Resources resources;

    private Server(Database database, WebServer web, URI accessUrl, RouteTable routes, ApiKeyPurger purger,
            PrometheusMeterRegistry metrics, WebServer metricsServer, ConcurrencyLimiter loginConcurrency,
            UsageWriter usageWriter, KeyCache keyCache, Resources resources) {
        this.database = database;
        this.web = web;
        this.accessUrl = accessUrl;
        this.routes = routes;
        this.purger = purger;
        this.metrics = metrics;
        this.metricsServer = metricsServer;
        this.loginConcurrency = loginConcurrency;
        this.usageWriter = usageWriter;
        this.keyCache = keyCache;
        this.resources = resources;
    }

    /**
     * What a start opened, closed in reverse order, by {@link #close()} or when start fails half-way
     * (so a taken Prometheus address never leaves the web server or the database running). A failure
     * to close one resource is logged and the rest are still closed.
     */
    static final class Resources implements AutoCloseable {
        private final java.util.ArrayDeque<AutoCloseable> opened = new java.util.ArrayDeque<>();

        <T extends AutoCloseable> T add(T resource) {
            opened.push(resource);
            return resource;
        }

        <T> T add(T resource, java.util.function.Consumer<T> closer) {
            opened.push(() -> closer.accept(resource));
            return resource;
        }

        @Override
        public void close() {
            while (!opened.isEmpty()) {
                AutoCloseable r = opened.pop();
                try {
                    r.close();
                } catch (Exception e) {
                    LOG.error("closing {} failed", r.getClass().getSimpleName(), e);
                }
            }
        }
    }

    /** Starts a server with the system clock. */
    public static Server start(ServerOptions options) {
        return start(options, InstantSource.system());
    }

    /**
     * Starts a server.
     *
     * @throws StartupException with a message fit for an operator (e.g. the address is in use)
     */
    public static Server start(ServerOptions options, InstantSource clock) {
        return start(options, clock, dev.tokend.server.oauth2.OAuth2Settings.defaults());
    }

    /** Starts a server with the given OAuth2 tunables (tests shorten the refresh grace, the caps). */
    public static Server start(ServerOptions options, InstantSource clock,
            dev.tokend.server.oauth2.OAuth2Settings oauth2Settings) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(oauth2Settings, "oauth2Settings");
        Objects.requireNonNull(clock, "clock");
        ServerOptions.HostPort listen = ServerOptions.HostPort.parse(options.httpAddress());
        // Fail fast, before starting a database, and without Helidon's stack trace in the log.
        ensureBindable(listen, options.httpAddress());
        LOG.debug("Start-up: JVM and command line {} ms", jvmUptimeMillis());
        Resources resources = new Resources();
        // PostgreSQL starts while this thread does its own work (metrics, class loading) meanwhile.
        EmbeddedDatabase.Starting starting =
                options.postgresUrl().isEmpty() ? EmbeddedDatabase.startInBackground(options.dataDir()) : null;
        if (starting != null) {
            // Closed last: stops PostgreSQL once it has started, also when start fails before it is needed.
            resources.add(starting, EmbeddedDatabase.Starting::abandon);
        }
        try {
            PrometheusMeterRegistry metrics = resources.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    PrometheusMeterRegistry::close);
            bindJvmMetrics(metrics, resources);
            PostgresUrl pg;
            EmbeddedDatabase embedded = null;
            if (starting != null) {
                embedded = starting.await();
                pg = new PostgresUrl(embedded.jdbcUrl(), embedded.user(), embedded.password());
            } else {
                pg = PostgresUrl.parse(options.postgresUrl());
            }
            if (embedded != null) {
                embedded.supervise(metrics); // restarts a crashed embedded PostgreSQL; stopped by its close()
            }
            Database database = resources.add(Database.open(pg.jdbcUrl(), pg.user(), pg.password(),
                    options.postgresMaxConns(), DB_CONNECTION_TIMEOUT,
                    List.of(UserDao.class, ApiKeyDao.class, SiteConfigDao.class, AuditDao.class,
                            dev.tokend.server.db.UserLinkDao.class, dev.tokend.server.db.OAuth2Dao.class), metrics));
            long opened = System.nanoTime(); // start-up phases, logged at debug once listening
            SecureRandom rng = new SecureRandom();
            byte[] csrfKey = Base64.getDecoder().decode(siteSecret(database, "csrf_key", () -> {
                byte[] key = new byte[32];
                rng.nextBytes(key);
                return Base64.getEncoder().encodeToString(key);
            }));
            UUID deploymentId = UUID.fromString(siteSecret(database, "deployment_id", () -> UUID.randomUUID().toString()));

            var jdbi = database.jdbi();
            RbacEngine rbac = new RbacEngine();
            ClientIpResolver clientIps = new ClientIpResolver(options.proxyTrustedOrigins(),
                    options.proxyTrustedHeaders());
            PasswordHasher hasher = new PasswordHasher(rng);
            KeyCache keyCache = new KeyCache(options.apiKeyCacheTtl(), API_KEY_CACHE_SIZE, clock, metrics);
            Stores stores = Stores.create(jdbi, rbac, clock, rng, hasher, new Stores.Policy(options.sessionDuration(),
                    options.defaultTokenLifetime(), options.maxTokenLifetime(), options.maxAdminTokenLifetime(),
                    options.disablePasswordAuth()), keyCache, metrics, oauth2Settings);
            UsageWriter usageWriter = resources.add(new UsageWriter(stores.usageSink(), metrics));
            if (keyCache.enabled()) {
                // Revocation reaches every replica: one LISTEN connection per process (issue 10).
                NotificationListener listener = resources.add(new NotificationListener(pg.jdbcUrl(), pg.user(),
                        pg.password(), CacheInvalidation.CHANNEL, new CacheInvalidation(keyCache, stores), metrics));
                listener.start();
            }
            AuthMetrics authMetrics = new AuthMetrics(metrics);
            boolean limitsOff = options.dangerousDisableRateLimits();
            Middleware apiLimit = limitsOff || options.apiRateLimit() <= 0
                    ? RateLimiter.disabled()
                    : new RateLimiter(options.apiRateLimit(), Duration.ofMinutes(1), clock, RATE_LIMIT_KEYS, metrics);
            Middleware loginLimit = limitsOff
                    ? RateLimiter.disabled()
                    : new RateLimiter(LOGIN_RATE_LIMIT, Duration.ofMinutes(1), clock, RATE_LIMIT_KEYS, metrics);
            ConcurrencyLimiter loginConcurrency = options.maxConcurrentLogins() > 0
                    ? new ConcurrencyLimiter(options.maxConcurrentLogins(), "Login")
                    : null;
            PrometheusMeterRegistry scrape = metrics;
            Handler metricsHandler = (req, res) -> {
                res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                res.send(scrape.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            };
            CsrfTokens csrf = new CsrfTokens(csrfKey);
            Cookies cookies = new Cookies(options.secureAuthCookie());

            // The access URL may depend on the bound port (port 0 in tests), so routes that need it
            // read it through a holder filled in once the listener is up.
            AccessUrl access = new AccessUrl(options.accessUrl());
            IdpWiring idp = IdpWiring.create(options, jdbi, stores, rng, clock, metrics, cookies, csrf, access,
                    csrfKey, deploymentId);
            ApiKeyValidator validator = new ApiKeyValidator(stores.validation(), keyCache, usageWriter, clock,
                    options.disableSessionExpiryRefresh(), idp.sessions);
            AuthApi auth = new AuthApi(stores.users(), stores.keys(), stores.logins(), cookies, csrf,
                    options.disablePasswordAuth(), options.idp());
            RouteTable routes = Routes.build(
                    new Routes.Middlewares(new CsrfMiddleware(csrf),
                            new ApiKeyMiddleware(validator, authMetrics, ApiKeyMiddleware.Mode.REQUIRED, access),
                            new ApiKeyMiddleware(validator, authMetrics, ApiKeyMiddleware.Mode.OPTIONAL, access),
                            new ApiKeyMiddleware(validator, authMetrics, ApiKeyMiddleware.Mode.REDIRECT_TO_LOGIN,
                                    access),
                            new UserParam(stores.users()), apiLimit, loginLimit,
                            loginConcurrency == null ? RateLimiter.disabled() : loginConcurrency),
                    new Routes.Apis(new MetaApi(access, deploymentId), auth,
                            new UsersApi(stores.users(), options.disablePasswordAuth(), options.idp().oidc().enabled(),
                                    options.idp().github().enabled()),
                            new KeysApi(stores.keys()),
                            new TokensApi(stores.keys()),
                            new AuditApi(stores.audit()),
                            new AuthCheckApi(rbac),
                            WebUi.create(stores, auth, cookies, csrf, rng, clock, options.defaultTokenLifetime(),
                                    options.disablePasswordAuth(), access),
                            options.prometheusEnable() && options.prometheusAddress().isBlank()
                                    ? metricsHandler : null,
                            new ReadinessEndpoint(Readiness.of(database.dataSource(), InstantSource.system())),
                            idp.pages, idp.github, idp.api),
                    oauth2Routes(stores, validator, access, limitsOff
                            ? RateLimiter.disabled()
                            : new RateLimiter(oauth2Settings.protocolRateLimit(), Duration.ofMinutes(1), clock,
                                    RATE_LIMIT_KEYS, metrics)));

            long routed = System.nanoTime();
            WebServer web = resources.add(startWeb(listen, options.httpAddress(), r -> {
                r.addFilter(new RequestLogFilter(clientIps, new HttpMetrics(metrics)));
                r.addFilter(new PrecheckFilter(validator, authMetrics));
                routes.installInto(r);
            }), WebServer::stop);
            access.bind(listen, web.port());
            LOG.info("tokend {} listening on {}:{}", dev.tokend.sdk.Version.VERSION, listen.host(), web.port());
            LOG.debug("Start-up: services and routes {} ms, web server and listener {} ms; JVM started {} ms ago",
                    (routed - opened) / 1_000_000, (System.nanoTime() - routed) / 1_000_000, jvmUptimeMillis());
            WebServer metricsServer = null;
            if (options.prometheusEnable() && !options.prometheusAddress().isBlank()) {
                ServerOptions.HostPort m = ServerOptions.HostPort.parse(options.prometheusAddress());
                ensureBindable(m, options.prometheusAddress());
                metricsServer = resources.add(startWeb(m, options.prometheusAddress(),
                        r -> r.get("/metrics", metricsHandler)), WebServer::stop);
                LOG.info("Prometheus metrics on http://{}:{}/metrics", m.host(), metricsServer.port());
            }
            ApiKeyPurger purger = resources.add(new ApiKeyPurger(jdbi, stores.authz(), clock,
                    options.apiKeysRetention(), oauth2Settings.purgeAfter(), metrics));
            purger.start();
            return new Server(database, web, access.get(), routes, purger, metrics, metricsServer, loginConcurrency,
                    usageWriter, keyCache, resources);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** Starts a Helidon listener; a stopped WebServer is closed by stopping it. */
    private static WebServer startWeb(ServerOptions.HostPort listen, String address,
            java.util.function.Consumer<io.helidon.webserver.http.HttpRouting.Builder> routing) {
        WebServer web;
        try {
            web = WebServer.builder()
                    .host(listen.host())
                    .port(listen.port())
                    .shutdownHook(false)
                    .shutdownGracePeriod(SHUTDOWN_GRACE)
                    .directHandlers(dev.tokend.server.http.JsonDirectHandler.all()) // protocol errors as JSON
                    .routing(routing::accept)
                    .build()
                    .start();
        } catch (UncheckedIOException | IllegalStateException e) {
            if (causedBy(e, BindException.class)) {
                throw new StartupException("cannot listen on " + address + ": address already in use");
            }
            throw e;
        }
        if (web.port() < 0) {
            // Helidon logs a failed bind and reports port -1 instead of throwing.
            web.stop();
            throw new StartupException("cannot listen on " + address + ": address already in use");
        }
        return web;
    }

    private static long jvmUptimeMillis() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> java.time.Duration.between(start, java.time.Instant.now()).toMillis()).orElse(-1L);
    }

    /** The OAuth2 authorization server's handlers (issue 11). */
    private static Routes.OAuth2 oauth2Routes(Stores stores, ApiKeyValidator validator, AccessUrl access,
            Middleware protocolRateLimit) {
        return new Routes.OAuth2(
                new dev.tokend.server.api.oauth2.OAuth2Endpoints(stores.oauth2Clients(), stores.oauth2Grants(),
                        validator, access),
                new dev.tokend.server.api.oauth2.DiscoveryApi(access),
                new dev.tokend.server.api.oauth2.RegistrationApi(stores.oauth2Clients(), access),
                new dev.tokend.server.api.oauth2.OAuth2AppsApi(stores.oauth2Clients(), access),
                protocolRateLimit);
    }

    private static void ensureBindable(ServerOptions.HostPort listen, String address) {
        if (listen.port() == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(listen.host(), listen.port()));
        } catch (BindException e) {
            String reason = e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("in use")
                    ? "address already in use" : e.getMessage();
            throw new StartupException("cannot listen on " + address + ": " + reason);
        } catch (java.io.IOException e) {
            throw new StartupException("cannot listen on " + address + ": " + e.getMessage());
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** A per-deployment value generated once and shared by every replica through the database. */
    private static String siteSecret(Database database, String key, java.util.function.Supplier<String> generate) {
        return database.jdbi().inTransaction(handle -> {
            SiteConfigDao dao = handle.attach(SiteConfigDao.class);
            dao.insertSiteConfigIfAbsent(key, generate.get());
            return dao.getSiteConfig(key).orElseThrow();
        });
    }

    /** The port the listener is bound to. */
    public int port() {
        return web.port();
    }

    /** The externally reachable URL ({@code --access-url}, or derived from the listen address). */
    public URI accessUrl() {
        return accessUrl;
    }

    /** Every route, for tests that walk the whole API. */
    public RouteTable routes() {
        return routes;
    }

    /** The database (tests use it to arrange and inspect rows). */
    public Database database() {
        return database;
    }

    /** The purge job (tests run it on demand with an advanced clock). */
    public ApiKeyPurger purger() {
        return purger;
    }

    /** The metrics registry (exposed over HTTP by the operations issue). */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** The login concurrency limiter (empty when disabled); tests hold its permits. */
    public java.util.Optional<ConcurrencyLimiter> loginConcurrency() {
        return java.util.Optional.ofNullable(loginConcurrency);
    }

    /** The port of the separate metrics listener, or -1. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    private static void bindJvmMetrics(PrometheusMeterRegistry registry, Resources resources) {
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        // The GC binder registers JMX listeners: closed on stop, so that test servers do not leak them.
        resources.add(new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics()).bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(registry);
    }

    /** Waits (bounded) until key usage recorded so far is written (tests read it from the database). */
    public void flushUsage() {
        usageWriter.flush(Duration.ofSeconds(10));
    }

    /** The validation cache (tests inspect and flush it). */
    public KeyCache keyCache() {
        return keyCache;
    }

    /**
     * Stops in reverse order of start: the listeners first (in-flight requests finish), the purge
     * job, pending usage writes, the revocation listener, the pool, metrics, then the embedded
     * PostgreSQL (a clean shutdown, so a restart on the same data directory finds every row).
     */
    @Override
    public void close() {
        resources.close();
        LOG.info("tokend stopped");
    }

    /** A start-up failure with an operator-facing message. */
    public static final class StartupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StartupException(String message) {
            super(message);
        }
    }
}
