-- Organizations and memberships (UserDao).

-- name: getDefaultOrganizationId
SELECT id FROM organizations WHERE is_default;

-- name: insertOrganization
INSERT INTO organizations (id, name, display_name, is_default, created_at, updated_at)
VALUES (:id, :name, :displayName, :isDefault, :now, :now);

-- name: organizationExists
SELECT EXISTS (SELECT 1 FROM organizations WHERE id = :id);

-- name: insertOrganizationMember
INSERT INTO organization_members (user_id, organization_id, created_at, updated_at, roles)
VALUES (:userId, :organizationId, :now, :now, CAST(:roles AS text[]));

-- name: membershipsOfUsers
SELECT user_id, organization_id, roles FROM organization_members
WHERE user_id = ANY(:userIds)
ORDER BY user_id, created_at, organization_id;
