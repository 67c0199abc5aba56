package dev.tokend.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TestDatabaseTest {
    @Test
    void databasesAreMigratedAndIndependent() throws Exception {
        TestDatabase.Database first = TestDatabase.newDatabase();
        TestDatabase.Database second = TestDatabase.newDatabase();
        assertThat(first.name()).isNotEqualTo(second.name());

        for (TestDatabase.Database db : List.of(first, second)) {
            assertThat(query(db.dataSource(), "SELECT to_regclass('api_keys')::text")).isEqualTo("api_keys");
            assertThat(query(db.dataSource(), "SELECT count(*)::text FROM api_keys")).isEqualTo("0");
        }
        execute(first.dataSource(), "CREATE TABLE only_in_first (id int)");
        assertThat(query(first.dataSource(), "SELECT to_regclass('only_in_first')::text")).isEqualTo("only_in_first");
        assertThat(query(second.dataSource(), "SELECT to_regclass('only_in_first')::text")).isNull();
    }

    @Test
    void urlCarriesItsCredentials() throws Exception {
        String url = TestDatabase.newDatabaseUrl();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM users")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void concurrentCallersGetDistinctDatabases() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TestDatabase.Database>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(TestDatabase::newDatabase));
            }
            List<String> names = new ArrayList<>();
            for (Future<TestDatabase.Database> future : futures) {
                TestDatabase.Database db = future.get();
                names.add(db.name());
                assertThat(query(db.dataSource(), "SELECT to_regclass('api_keys')::text")).isEqualTo("api_keys");
            }
            assertThat(names).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void disconnectEndsSessionsUntilReconnect() throws Exception {
        TestDatabase.Database db = TestDatabase.newDatabase();
        try (Connection open = db.dataSource().getConnection()) {
            TestDatabase.disconnect(db.name());

            assertThatThrownBy(() -> open.createStatement().execute("SELECT 1"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> db.dataSource().getConnection().close())
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("55000"));
        }

        TestDatabase.reconnect(db.name());
        assertThat(query(db.dataSource(), "SELECT 'back'")).isEqualTo("back");
    }

    @Test
    void dropRemovesTheDatabase() {
        TestDatabase.Database db = TestDatabase.newDatabase();
        TestDatabase.drop(db.name());
        assertThatThrownBy(() -> db.dataSource().getConnection().close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("3D000"));
    }

    @Test
    void namesAreNotSql() {
        assertThatThrownBy(() -> TestDatabase.disconnect("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringHidesThePassword() {
        TestDatabase.Database db = TestDatabase.newDatabase();
        assertThat(db.toString()).doesNotContain(db.password());
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
