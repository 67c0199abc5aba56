package dev.tokend.server.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the Flyway migrations under {@code db/migration} of this module. */
public final class Migrations {
    /** Classpath location of the migrations: {@code V<n>__<name>.sql}. */
    public static final String LOCATION = "classpath:dev/tokend/server/db/migration";

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
}
