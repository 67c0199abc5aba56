package dev.tokend.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
    /** Shared so that only the restart test pays for extracting the binaries into its data dir. */
    @TempDir
    static Path binaries;

    @TempDir
    Path dataDir;

    @Test
    void restartKeepsCommittedRows() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            execute(db, "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)");
            execute(db, "INSERT INTO notes VALUES (1, 'kept across restarts')");
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertThat(queryString(db, "SELECT body FROM notes WHERE id = 1")).isEqualTo("kept across restarts");
        }
    }

    @Test
    void twoDataDirectoriesRunSideBySide(@TempDir Path otherDir) throws Exception {
        try (EmbeddedDatabase first = start(dataDir);
                EmbeddedDatabase second = start(otherDir)) {
            assertThat(first.port()).isNotEqualTo(second.port());
            execute(first, "CREATE TABLE only_in_first (id int)");
            assertThat(queryString(second, "SELECT to_regclass('only_in_first')::text")).isNull();
            assertThat(queryString(first, "SELECT to_regclass('only_in_first')::text")).isEqualTo("only_in_first");
        }
    }

    @Test
    void oneDataDirectoryServesOneInstance() throws Exception {
        try (EmbeddedDatabase db = start(dataDir)) {
            assertThatThrownBy(() -> start(dataDir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
            assertThat(EmbeddedDatabase.stopOrphan(dataDir)).as("a live instance is no orphan").isFalse();
            execute(db, "SELECT 1");
        }
    }

    @Test
    void connectionsNeedThePassword() throws Exception {
        try (EmbeddedDatabase db = start(dataDir)) {
            assertThat(db.jdbcUrl()).doesNotContain(db.password());
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.user(), "wrong").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void onlyTheOwnerCanReadOrChangeTheFiles() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertThat(mode(db.clusterDirectory())).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("postgres-bin"))).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("postgres-password"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("postgres.log"))).isEqualTo("rw-------");
        }
    }

    @Test
    void lowerFollowsUnicodeWhateverTheHostLocale() throws Exception {
        try (EmbeddedDatabase db = start(dataDir)) {
            assertThat(queryString(db, "SELECT lower('ÉMILE@Example.COM')")).isEqualTo("émile@example.com");
        }
    }

    /** A crash can leave postmaster.pid naming a pid that now belongs to an unrelated process. */
    @Test
    void startsDespiteAStalePidFile() throws Exception {
        try (EmbeddedDatabase db = start(dataDir)) {
            execute(db, "CREATE TABLE survivors (id int)");
        }
        // A live process that is not PostgreSQL: cat waits on its open stdin until destroyed.
        Process unrelated = new ProcessBuilder("cat").start();
        try {
            Path pidFile = dataDir.resolve("postgres/postmaster.pid");
            Files.writeString(pidFile, unrelated.pid() + "\n" + dataDir.resolve("postgres") + "\n");
            try (EmbeddedDatabase db = start(dataDir)) {
                assertThat(queryString(db, "SELECT to_regclass('survivors')::text")).isEqualTo("survivors");
            }
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroy();
        }
    }

    @Test
    void durableByDefault() throws Exception {
        try (EmbeddedDatabase db = start(dataDir)) {
            assertThat(queryString(db, "SHOW fsync")).isEqualTo("on");
            assertThat(queryString(db, "SHOW synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void serverSettingsApply() throws Exception {
        Map<String, String> settings = Map.of("max_connections", "42", "fsync", "off");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, binaries, settings)) {
            assertThat(queryString(db, "SHOW max_connections")).isEqualTo("42");
            assertThat(queryString(db, "SHOW fsync")).isEqualTo("off");
            assertThat(queryString(db, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
        }
        // Values pass through pg_ctl's shell unquoted.
        Map<String, String> unsafe = Map.of("search_path", "a; rm -rf /");
        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir, binaries, unsafe))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static EmbeddedDatabase start(Path dir) {
        return EmbeddedDatabase.start(dir, binaries, Map.of());
    }

    private static void execute(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryString(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource("postgres").getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            assertThat(values).hasSize(1);
            return values.get(0);
        }
    }
}
