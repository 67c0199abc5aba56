package dev.tokend.server.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code description} template of an {@code AuditLog} (spec §2.4), such as
 * {@code {user} created token {target}}. {@code {user}} and {@code {target}} stay literal
 * placeholders: the UI renders the actor as a link and the server substitutes the target.
 *
 * <p>Shape: {@code {user} <past tense> <thing> {target}} on success; {@code {user} unsuccessfully
 * attempted to <verb> <thing> {target}} for status ≥ 400; {@code {user} was redirected attempting
 * to <verb> <thing> {target}} for 303. Session events ({@code login}, {@code logout},
 * {@code register}) name no thing and no target. {@code {target}} is left out when the row has no
 * target (e.g. a session key, whose {@code resource_target} is {@code ""}, §6).
 */
public final class AuditDescriptions {

    private static final String USER = "{user}";
    private static final String TARGET = "{target}";
    private static final String CONVERT_LOGIN = "convert_login";

    /** Actions about the actor's own session: "{user} logged in", never "... token x". */
    private static final Set<String> SESSION_ACTIONS = Set.of("login", "logout", "register");

    /** Success wording per action (§2.4 examples). */
    private static final Map<String, String> PAST_TENSE =
            Map.ofEntries(
                    Map.entry("create", "created"),
                    Map.entry("write", "updated"),
                    Map.entry("delete", "deleted"),
                    Map.entry("start", "started"),
                    Map.entry("stop", "stopped"),
                    Map.entry("login", "logged in"),
                    Map.entry("logout", "logged out"),
                    Map.entry("register", "registered"),
                    Map.entry("request_password_reset", "requested a password reset for"),
                    Map.entry("connect", "connected to"),
                    Map.entry("disconnect", "disconnected from"),
                    Map.entry("open", "opened"),
                    Map.entry("close", "closed"));

    /**
     * Infinitive wording per action for redirected attempts. Failed attempts (status ≥ 400) name the
     * action exactly as stored, as the reference does ("unsuccessfully attempted to write token x").
     */
    private static final Map<String, String> INFINITIVE =
            Map.of(
                    "write", "update",
                    "request_password_reset", "request a password reset for",
                    "connect", "connect to",
                    "disconnect", "disconnect from");

    /** How a resource type reads in a sentence; unknown types fall back to spaced words. */
    private static final Map<String, String> THING =
            Map.ofEntries(
                    Map.entry("api_key", "token"),
                    Map.entry("user", "user"),
                    Map.entry("organization", "organization"),
                    Map.entry("oauth2_provider_app", "OAuth2 app"),
                    Map.entry("oauth2_provider_app_secret", "OAuth2 app secret"),
                    Map.entry("audit_log", "audit log"),
                    Map.entry("workspace", "workspace"),
                    Map.entry("template", "template"),
                    Map.entry("template_version", "template version"),
                    Map.entry("group", "group"),
                    Map.entry("license", "license"),
                    Map.entry("convert_login", "login type conversion"),
                    Map.entry("health_settings", "health settings"),
                    Map.entry("notifications_settings", "notification settings"));

    private static final int REDIRECT = 303;
    private static final int FIRST_FAILURE = 400;

    private AuditDescriptions() {}

    /**
     * The description template for one audit row.
     *
     * @param action the audit action ({@link AuditQuery#ACTIONS}); unknown actions are used as
     *     given
     * @param resourceType the audit resource type ({@link AuditQuery#RESOURCE_TYPES})
     * @param resourceTarget the row's target; null or blank omits {@code {target}}
     * @param statusCode the HTTP status the audited request ended with
     */
    public static String describe(
            String action, String resourceType, String resourceTarget, int statusCode) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceType, "resourceType");
        String act = action.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(USER).append(' ');
        if (statusCode >= FIRST_FAILURE) {
            out.append("unsuccessfully attempted to ").append(act);
        } else if (statusCode == REDIRECT) {
            out.append("was redirected attempting to ").append(INFINITIVE.getOrDefault(act, act));
        } else {
            out.append(PAST_TENSE.getOrDefault(act, act));
        }
        if (SESSION_ACTIONS.contains(act)) {
            return out.toString();
        }
        String type = resourceType.toLowerCase(Locale.ROOT);
        out.append(' ').append(thing(type));
        if (resourceTarget != null && !resourceTarget.isBlank()) {
            // The target of a conversion is the new login type: "... conversion to {target}".
            out.append(CONVERT_LOGIN.equals(type) ? " to " : " ").append(TARGET);
        }
        return out.toString();
    }

    private static String thing(String resourceType) {
        String known = THING.get(resourceType);
        return known != null ? known : resourceType.replace('_', ' ');
    }

    /**
     * The {@code resource_link} of a row, as the reference builds it for the resource types tokend
     * has: a user links to the users page filtered by the target, an OAuth2 app to its admin page;
     * API keys (and types without a page) link nowhere ({@code ""}).
     */
    public static String resourceLink(String resourceType, String resourceTarget, java.util.UUID resourceId) {
        return switch (resourceType) {
            case "user" -> resourceTarget == null || resourceTarget.isEmpty() ? ""
                    : "/users?filter=" + java.net.URLEncoder.encode(resourceTarget, java.nio.charset.StandardCharsets.UTF_8);
            case "oauth2_provider_app" -> resourceId == null ? "" : "/deployment/oauth2-provider/apps/" + resourceId;
            default -> "";
        };
    }
}
