package dev.tokend.testkit;

import dev.tokend.sdk.TokendClient;
import dev.tokend.sdk.model.CreateFirstUserRequest;
import dev.tokend.sdk.model.CreateFirstUserResponse;
import dev.tokend.sdk.model.CreateUserRequest;
import dev.tokend.sdk.model.LoginWithPasswordRequest;
import dev.tokend.sdk.model.User;
import dev.tokend.server.Server;
import dev.tokend.server.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;

/**
 * Boots the real server on a free loopback port against a fresh database (cloned from the migrated
 * template) with a {@link MutableClock}, and hands out SDK clients and accounts.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start()) {
 *     TestServer.Account owner = server.createFirstUser();
 *     TestServer.Account member = server.createUser(owner);
 *     assertThat(member.client().me().username()).isEqualTo(member.username());
 * }
 * }</pre>
 */
public final class TestServer implements AutoCloseable {
    /** A password that passes the policy; every generated account uses it. */
    public static final String PASSWORD = "SomeSecurePassword!";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Server server;
    private final MutableClock clock;
    private final String databaseName;
    private final TokendClient anonymous;
    private final ServerOptions options;
    private final boolean ownsDatabase;

    private TestServer(Server server, MutableClock clock, String databaseName, ServerOptions options,
            boolean ownsDatabase) {
        this.server = server;
        this.clock = clock;
        this.databaseName = databaseName;
        this.anonymous = TokendClient.builder(server.accessUrl()).build();
        this.options = options;
        this.ownsDatabase = ownsDatabase;
    }

    public static TestServer start() {
        return start(options -> options);
    }

    /** Starts with the test defaults adjusted by {@code customize}. */
    public static TestServer start(UnaryOperator<ServerOptions> customize) {
        return start(customize, dev.tokend.server.oauth2.OAuth2Settings.defaults());
    }

    /** Starts with adjusted options and OAuth2 tunables (e.g. a shorter refresh-reuse grace). */
    public static TestServer start(UnaryOperator<ServerOptions> customize,
            dev.tokend.server.oauth2.OAuth2Settings oauth2) {
        TestDatabase.Database db = TestDatabase.newDatabase();
        MutableClock clock = MutableClock.startingNow();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("tokend-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Rate limits are off by default in tests (as in the reference's test harness): tests sign in
        // many users from one address at one frozen instant. Rate-limit tests turn them back on.
        ServerOptions options = customize.apply(ServerOptions.defaults()
                .withHttpAddress("127.0.0.1:0")
                .withPostgresUrl(db.urlWithCredentials())
                .withDataDir(dataDir)
                .withDangerousDisableRateLimits(true));
        return new TestServer(awaitCacheReady(Server.start(options, clock, oauth2)), clock, db.name(), options, true);
    }

    /**
     * Another tokend process on the same database (a replica), with its own port, cache and clock
     * (a separate clock at the same instant, as separate machines have). Closing it leaves the
     * database to this server.
     */
    public TestServer replica() {
        MutableClock replicaClock = new MutableClock(clock.instant());
        ServerOptions replicaOptions = options.withHttpAddress("127.0.0.1:0");
        return new TestServer(awaitCacheReady(Server.start(replicaOptions, replicaClock)), replicaClock, databaseName,
                replicaOptions, false);
    }

    /**
     * Waits (bounded) until the validation cache's listener has connected, so that tests start from
     * the steady state: cache on, revocations pushed.
     */
    private static Server awaitCacheReady(Server server) {
        server.keyCache().awaitUsable(java.time.Duration.ofSeconds(10));
        return server;
    }

    public Server server() {
        return server;
    }

    public URI url() {
        return server.accessUrl();
    }

    public MutableClock clock() {
        return clock;
    }

    public Jdbi jdbi() {
        return server.database().jdbi();
    }

    /** The name of this server's database (for making it unreachable in failure tests). */
    public String databaseName() {
        return databaseName;
    }

    /** An unauthenticated client. */
    public TokendClient client() {
        return anonymous;
    }

    public TokendClient client(String token) {
        return anonymous.withSessionToken(token);
    }

    public RawHttp http() {
        return new RawHttp(url());
    }

    /** A unique, valid username ({@code user-<n>}). */
    public static String uniqueUsername() {
        return "user-" + SEQUENCE.incrementAndGet();
    }

    /** A token name no other call in this JVM returns ({@code token-<n>}). */
    public static String uniqueTokenName() {
        return "token-" + SEQUENCE.incrementAndGet();
    }

    /** Creates the first user (owner) and signs in. */
    public Account createFirstUser() {
        String username = uniqueUsername();
        String email = username + "@example.com";
        CreateFirstUserResponse created = anonymous.createFirstUser(new CreateFirstUserRequest(email, username, PASSWORD));
        String token = anonymous.login(new LoginWithPasswordRequest(email, PASSWORD)).sessionToken();
        return new Account(created.userId(), email, username, token, client(token), created.organizationId());
    }

    /** Creates an active member of the admin's first organization with {@code siteRoles}, and signs in. */
    public Account createUser(Account admin, String... siteRoles) {
        String username = uniqueUsername();
        String email = username + "@example.com";
        User user = admin.client().createUser(new CreateUserRequest(email, username, "", PASSWORD, "password",
                List.of(admin.organizationId()), "active"));
        if (siteRoles.length > 0) {
            admin.client().updateRoles(user.id().toString(), List.of(siteRoles));
        }
        String token = anonymous.login(new LoginWithPasswordRequest(email, PASSWORD)).sessionToken();
        return new Account(user.id(), email, username, token, client(token), admin.organizationId());
    }

    /**
     * The same account with a newly minted 24h session (no password hashing), for tests that move
     * the clock far enough to expire the account's original session.
     */
    public Account freshSession(Account account) {
        String token = DbGen.of(this).apiKey(account.id()).insert().token();
        return new Account(account.id(), account.email(), account.username(), token, client(token),
                account.organizationId());
    }

    @Override
    public void close() {
        server.close();
        if (ownsDatabase) {
            TestDatabase.drop(databaseName);
        }
    }

    /** A signed-in user. {@link #toString()} hides the token. */
    public record Account(UUID id, String email, String username, String token, TokendClient client,
            UUID organizationId) {
        @Override
        public String toString() {
            return "Account[" + username + "]";
        }
    }
}
