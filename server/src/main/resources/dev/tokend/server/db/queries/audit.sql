-- Audit log (AuditDao). Filters are optional: a NULL parameter means "any".

-- name: insertAuditLog
INSERT INTO audit_logs (id, time, user_id, organization_id, ip, user_agent, resource_type, resource_id,
                        resource_target, action, diff, status_code, additional_fields, request_id)
VALUES (:id, :time, :userId, :organizationId, CAST(:ip AS inet), :userAgent, :resourceType, :resourceId,
        :resourceTarget, :action, CAST(:diff AS jsonb), :statusCode, CAST(:additionalFields AS jsonb), :requestId);

-- name: queryAuditLogs
-- username/email/userId select the actor; organization is an organization id or name.
SELECT a.id, a.time, a.user_id, a.organization_id, host(a.ip) AS ip, a.user_agent, a.resource_type,
       a.resource_id, a.resource_target, a.action, a.diff::text AS diff, a.status_code,
       a.additional_fields::text AS additional_fields, a.request_id, a.resource_icon,
       COALESCE(a.resource_type = 'user' AND (SELECT ru.deleted FROM users ru WHERE ru.id = a.resource_id), false)
           AS resource_deleted
FROM audit_logs a
LEFT JOIN users u ON u.id = a.user_id
WHERE (CAST(:resourceType AS text) IS NULL OR a.resource_type = CAST(:resourceType AS text))
  AND (CAST(:resourceId AS uuid) IS NULL OR a.resource_id = CAST(:resourceId AS uuid))
  AND (CAST(:resourceTarget AS text) IS NULL OR a.resource_target = CAST(:resourceTarget AS text))
  AND (CAST(:action AS text) IS NULL OR a.action = CAST(:action AS text))
  AND (CAST(:userId AS uuid) IS NULL OR a.user_id = CAST(:userId AS uuid))
  AND (CAST(:username AS text) IS NULL OR lower(u.username) = lower(CAST(:username AS text)))
  AND (CAST(:email AS text) IS NULL OR lower(u.email) = lower(CAST(:email AS text)))
  AND (CAST(:dateFrom AS timestamptz) IS NULL OR a.time >= CAST(:dateFrom AS timestamptz))
  AND (CAST(:dateTo AS timestamptz) IS NULL OR a.time < CAST(:dateTo AS timestamptz))
  AND (CAST(:requestId AS uuid) IS NULL OR a.request_id = CAST(:requestId AS uuid))
  AND (CAST(:organization AS text) IS NULL OR a.organization_id IN (
        SELECT o.id FROM organizations o
        WHERE o.id::text = lower(CAST(:organization AS text)) OR lower(o.name) = lower(CAST(:organization AS text))))
ORDER BY a.time DESC, a.seq DESC
LIMIT CASE WHEN :limit > 0 THEN :limit END OFFSET :offset;

-- name: countAuditLogs
SELECT count(*)
FROM audit_logs a
LEFT JOIN users u ON u.id = a.user_id
WHERE (CAST(:resourceType AS text) IS NULL OR a.resource_type = CAST(:resourceType AS text))
  AND (CAST(:resourceId AS uuid) IS NULL OR a.resource_id = CAST(:resourceId AS uuid))
  AND (CAST(:resourceTarget AS text) IS NULL OR a.resource_target = CAST(:resourceTarget AS text))
  AND (CAST(:action AS text) IS NULL OR a.action = CAST(:action AS text))
  AND (CAST(:userId AS uuid) IS NULL OR a.user_id = CAST(:userId AS uuid))
  AND (CAST(:username AS text) IS NULL OR lower(u.username) = lower(CAST(:username AS text)))
  AND (CAST(:email AS text) IS NULL OR lower(u.email) = lower(CAST(:email AS text)))
  AND (CAST(:dateFrom AS timestamptz) IS NULL OR a.time >= CAST(:dateFrom AS timestamptz))
  AND (CAST(:dateTo AS timestamptz) IS NULL OR a.time < CAST(:dateTo AS timestamptz))
  AND (CAST(:requestId AS uuid) IS NULL OR a.request_id = CAST(:requestId AS uuid))
  AND (CAST(:organization AS text) IS NULL OR a.organization_id IN (
        SELECT o.id FROM organizations o
        WHERE o.id::text = lower(CAST(:organization AS text)) OR lower(o.name) = lower(CAST(:organization AS text))));
