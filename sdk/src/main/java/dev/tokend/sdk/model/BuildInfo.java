package dev.tokend.sdk.model;

/** {@code GET /api/v2/buildinfo}. */
public record BuildInfo(
        String externalUrl,
        String version,
        String dashboardUrl,
        boolean telemetry,
        boolean workspaceProxy,
        String upgradeMessage,
        String deploymentId) {}
