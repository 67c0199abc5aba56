package dev.tokend.server.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Queries on users and organizations; SQL in {@code db/queries/users.sql} and {@code organizations.sql}. */
@RegisterRowMapper(UserRow.Mapper.class)
@RegisterRowMapper(Membership.Mapper.class)
public interface UserDao {
    @SqlQuery
    long countUsers();

    @SqlUpdate
    void insertUser(@Bind("id") UUID id, @Bind("email") String email, @Bind("username") String username,
            @Bind("name") String name, @Bind("hashedPassword") byte[] hashedPassword, @Bind("now") Instant now,
            @Bind("status") String status, @Bind("rbacRoles") String[] rbacRoles, @Bind("loginType") String loginType);

    @SqlQuery
    Optional<UserRow> getUserById(@Bind("id") UUID id);

    @SqlQuery
    Optional<UserRow> getUserByEmail(@Bind("email") String email);

    @SqlQuery
    Optional<UserRow> getUserByUsername(@Bind("username") String username);

    @SqlQuery
    boolean userExistsByEmailOrUsername(@Bind("email") String email, @Bind("username") String username);

    @SqlQuery
    List<UserRow> listUsers(@Bind("search") String search, @Bind("status") String status,
            @Bind("limit") long limit, @Bind("offset") long offset);

    @SqlQuery
    long countListedUsers(@Bind("search") String search, @Bind("status") String status);

    @SqlUpdate
    int updateUserStatus(@Bind("id") UUID id, @Bind("status") String status, @Bind("now") Instant now);

    @SqlUpdate
    int activateDormantUser(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate
    int updateUserRoles(@Bind("id") UUID id, @Bind("rbacRoles") String[] rbacRoles, @Bind("now") Instant now);

    @SqlUpdate
    int updateUserPassword(@Bind("id") UUID id, @Bind("hashedPassword") byte[] hashedPassword,
            @Bind("now") Instant now);

    @SqlUpdate
    int softDeleteUser(@Bind("id") UUID id, @Bind("now") Instant now);


    // ---- organizations ----

    @SqlQuery
    Optional<UUID> getDefaultOrganizationId();

    @SqlUpdate
    void insertOrganization(@Bind("id") UUID id, @Bind("name") String name, @Bind("displayName") String displayName,
            @Bind("isDefault") boolean isDefault, @Bind("now") Instant now);

    @SqlQuery
    boolean organizationExists(@Bind("id") UUID id);

    @SqlUpdate
    void insertOrganizationMember(@Bind("userId") UUID userId, @Bind("organizationId") UUID organizationId,
            @Bind("roles") String[] roles, @Bind("now") Instant now);

    @SqlQuery
    List<Membership> membershipsOfUsers(@Bind("userIds") UUID[] userIds);

    @SqlQuery
    int lockFirstUserCreation();

    @SqlQuery
    Optional<UserRow> lockUserForUpdate(@Bind("id") UUID id);

    @SqlQuery
    List<UUID> lockUsersForShare(@Bind("ids") UUID[] ids);

    @org.jdbi.v3.sqlobject.statement.SqlBatch
    void updateUserLastSeenBatch(@Bind("id") List<UUID> ids, @Bind("now") List<Instant> now);
}
