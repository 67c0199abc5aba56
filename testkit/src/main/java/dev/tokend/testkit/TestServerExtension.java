package dev.tokend.testkit;

import dev.tokend.sdk.TokendClient;
import dev.tokend.server.Server;
import dev.tokend.server.ServerOptions;
import java.net.URI;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestServer} (and its first user, the owner) shared by every test of a class: started
 * before the first test, closed after the last.
 *
 * <pre>{@code
 * class UsersApiTest {
 *     @RegisterExtension
 *     static final TestServerExtension server = TestServerExtension.create();
 *
 *     @Test
 *     void ownerReadsThemself() {
 *         assertThat(server.owner().client().me().username()).isEqualTo(server.owner().username());
 *     }
 * }
 * }</pre>
 *
 * Test classes that need a server of their own per test (other options, a restart) keep using
 * {@code try (TestServer server = TestServer.start(...))}.
 */
public final class TestServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<ServerOptions> customize;
    private TestServer server;
    private TestServer.Account owner;

    private TestServerExtension(UnaryOperator<ServerOptions> customize) {
        this.customize = Objects.requireNonNull(customize, "customize");
    }

    /** A server with the test defaults and a first user. */
    public static TestServerExtension create() {
        return create(options -> options);
    }

    /** A server with the test defaults adjusted by {@code customize}, and a first user. */
    public static TestServerExtension create(UnaryOperator<ServerOptions> customize) {
        return new TestServerExtension(customize);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = TestServer.start(customize);
        owner = server.createFirstUser();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
            owner = null;
        }
    }

    /** The running server; fails loudly when asked outside the class's life cycle. */
    public TestServer get() {
        if (server == null) {
            throw new IllegalStateException("the test server runs only between @BeforeAll and @AfterAll; "
                    + "is the extension registered with @RegisterExtension on a static field?");
        }
        return server;
    }

    /** The first user (site owner), signed in. */
    public TestServer.Account owner() {
        get();
        return owner;
    }

    public Server server() {
        return get().server();
    }

    public URI url() {
        return get().url();
    }

    public MutableClock clock() {
        return get().clock();
    }

    public Jdbi jdbi() {
        return get().jdbi();
    }

    public RawHttp http() {
        return get().http();
    }

    public DbGen dbGen() {
        return DbGen.of(get());
    }

    public TokendClient client() {
        return get().client();
    }

    public TokendClient client(String token) {
        return get().client(token);
    }

    public TestServer.Account createUser(TestServer.Account admin, String... siteRoles) {
        return get().createUser(admin, siteRoles);
    }

    public TestServer.Account freshSession(TestServer.Account account) {
        return get().freshSession(account);
    }

    public String databaseName() {
        return get().databaseName();
    }
}
