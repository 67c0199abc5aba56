package dev.tokend.server.db;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** Applies the Flyway migrations under {@code db/migration} of this module. */
public final class Migrations {
    /** Classpath location of the migrations: {@code V<n>__<name>.sql}. */
    public static final String LOCATION = "classpath:dev/tokend/server/db/migration";

    /**
     * Every migration's version, oldest first. NOTE: add a version here with each new
     * {@code V<n>__*.sql}; MigrationsTest fails while this list and the files disagree.
     */
    static final List<String> VERSIONS = List.of("1", "2", "3", "4", "5", "6");

    private Migrations() {}

    /** Migrates the database behind {@code dataSource} to the newest schema. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /**
     * Whether every migration has been applied, and none failed, by Flyway's own history table.
     * At a start where this holds, tokend does not load Flyway at all (it costs about half a
     * second of class loading, scanning and validation); whenever a migration is pending, Flyway
     * runs and validates every applied migration's checksum as before.
     */
    public static boolean isCurrent(Jdbi jdbi) {
        return jdbi.withExtension(SchemaDao.class, schema -> schema.hasSchemaHistory()
                && schema.failedMigrations() == 0
                && schema.appliedVersions().equals(VERSIONS));
    }
}
