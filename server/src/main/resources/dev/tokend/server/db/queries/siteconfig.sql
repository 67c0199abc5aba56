-- Per-deployment settings and generated secrets (SiteConfigDao).

-- name: insertSiteConfigIfAbsent
INSERT INTO site_configs (key, value) VALUES (:key, :value) ON CONFLICT (key) DO NOTHING;

-- name: getSiteConfig
SELECT value FROM site_configs WHERE key = :key;
