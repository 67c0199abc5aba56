package dev.tokend.server.db;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Per-deployment settings; SQL in {@code db/queries/siteconfig.sql}. */
public interface SiteConfigDao {
    @SqlUpdate
    int insertSiteConfigIfAbsent(@Bind("key") String key, @Bind("value") String value);

    @SqlQuery
    Optional<String> getSiteConfig(@Bind("key") String key);
}
