package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.server.db.Migrations;
import dev.tokend.server.db.NamedQueries;
import dev.tokend.testkit.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.SqlObjects;
import org.junit.jupiter.api.Test;

/** Start-up skips Flyway only when its history says every migration was applied and none failed. */
class MigrationsShortcutTest {

    @Test
    void migratedDatabaseIsCurrentUntilAMigrationIsMissingOrFailed() {
        TestDatabase.Database database = TestDatabase.newDatabase();
        try {
            Jdbi jdbi = Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
            jdbi.getConfig(SqlObjects.class).setSqlLocator(NamedQueries.load());
            assertThat(Migrations.isCurrent(jdbi)).isTrue();

            jdbi.useHandle(h -> h.execute("UPDATE flyway_schema_history SET success = false WHERE version = '1'"));
            assertThat(Migrations.isCurrent(jdbi)).as("a failed migration").isFalse();

            jdbi.useHandle(h -> h.execute("DELETE FROM flyway_schema_history WHERE version = '1'"));
            assertThat(Migrations.isCurrent(jdbi)).as("a pending migration").isFalse();

            jdbi.useHandle(h -> h.execute("DROP TABLE flyway_schema_history"));
            assertThat(Migrations.isCurrent(jdbi)).as("no history at all").isFalse();
        } finally {
            TestDatabase.drop(database.name());
        }
    }
}
