package dev.tokend.server.db;

import java.util.List;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Flyway's history table, read without Flyway; SQL in {@code db/queries/schema.sql}. */
public interface SchemaDao {
    @SqlQuery
    boolean hasSchemaHistory();

    /** Versions applied successfully, in the order they were applied. */
    @SqlQuery
    List<String> appliedVersions();

    @SqlQuery
    long failedMigrations();
}
