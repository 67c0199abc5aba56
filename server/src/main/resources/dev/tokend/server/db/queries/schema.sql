-- Whether the schema is current, read before deciding to run Flyway at all (SchemaDao).

-- name: hasSchemaHistory
SELECT to_regclass('flyway_schema_history') IS NOT NULL;

-- name: appliedVersions
SELECT version FROM flyway_schema_history WHERE version IS NOT NULL AND success ORDER BY installed_rank;

-- name: failedMigrations
SELECT count(*) FROM flyway_schema_history WHERE NOT success;
