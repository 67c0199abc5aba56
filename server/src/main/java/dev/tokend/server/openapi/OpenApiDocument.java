package dev.tokend.server.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokend.sdk.model.OAuth2ErrorResponse;
import dev.tokend.sdk.model.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the OpenAPI 3.1 document of the {@code /api/v2}, {@code /oauth2} and {@code /.well-known}
 * surface from the route table (method and pattern of every route) and the {@link RouteDoc} of each.
 * A route under those prefixes without a doc is left out, and the completeness test
 * ({@code OpenApiDocumentTest}) fails; routes elsewhere (HTML pages, probes, metrics) are never in it.
 */
public final class OpenApiDocument {
    /** The prefixes of the documented surface. */
    public static final List<String> PREFIXES = List.of("/api/v2/", "/oauth2/", "/.well-known/");

    /** A route as the table declares it. */
    public record Endpoint(String method, String pattern) {
        /** The key of {@link RouteDoc}s: {@code "GET /api/v2/users/{user}"}. */
        public String key() {
            return method + " " + pattern;
        }
    }

    // NOTE: the scheme names appear in every secured operation; the cookie and header names are
    // the reference's (docs/authentication.md).
    static final String HEADER_SCHEME = "CoderSessionToken";
    static final String COOKIE_SCHEME = "CoderSessionCookie";
    static final String BEARER_SCHEME = "BearerToken";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");
    private static final Map<String, String> PARAMETER_DESCRIPTIONS = Map.of(
            "user", "`me`, a user id (UUID) or a username",
            "keyname", "the name of a named API token",
            "keyid", "the id of an API key (the part of the token before the dash)");

    private OpenApiDocument() {}

    /** Whether {@code pattern} belongs to the documented surface. */
    public static boolean documented(String pattern) {
        return PREFIXES.stream().anyMatch(pattern::startsWith);
    }

    /** The document for {@code endpoints}, described by {@code docs} (keyed by {@link Endpoint#key()}). */
    public static ObjectNode generate(List<Endpoint> endpoints, Map<String, RouteDoc> docs, String version) {
        RecordSchemas schemas = new RecordSchemas();
        ObjectNode root = JSON.objectNode().put("openapi", "3.1.0");
        root.putObject("info").put("title", "tokend API").put("version", version)
                .put("description", "API keys, login sessions and personal access tokens; wire-compatible with "
                        + "Coder's /api/v2. Generated from the route table (docs/openapi.md).");
        ObjectNode paths = root.putObject("paths");
        for (Endpoint e : endpoints) {
            RouteDoc doc = docs.get(e.key());
            if (!documented(e.pattern()) || doc == null) {
                continue;
            }
            ObjectNode path = paths.has(e.pattern()) ? (ObjectNode) paths.get(e.pattern()) : paths.putObject(e.pattern());
            path.set(e.method().toLowerCase(Locale.ROOT), operation(e, doc, schemas));
        }
        ObjectNode components = root.putObject("components");
        ObjectNode security = components.putObject("securitySchemes");
        security.putObject(HEADER_SCHEME).put("type", "apiKey").put("in", "header").put("name", "Coder-Session-Token");
        security.putObject(COOKIE_SCHEME).put("type", "apiKey").put("in", "cookie").put("name", "coder_session_token");
        security.putObject(BEARER_SCHEME).put("type", "http").put("scheme", "bearer");
        ObjectNode componentSchemas = components.putObject("schemas");
        schemas.components().forEach(componentSchemas::set);
        return root;
    }

    private static ObjectNode operation(Endpoint e, RouteDoc doc, RecordSchemas schemas) {
        ObjectNode op = JSON.objectNode();
        op.put("operationId", operationId(e));
        op.put("summary", doc.summary);
        if (!doc.description.isEmpty()) {
            op.put("description", doc.description);
        }
        ArrayNode tags = op.putArray("tags");
        doc.tags.forEach(tags::add);
        ArrayNode parameters = JSON.arrayNode();
        Matcher m = PARAMETER.matcher(e.pattern());
        while (m.find()) {
            parameters.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                    .put("description", PARAMETER_DESCRIPTIONS.getOrDefault(m.group(1), m.group(1)))
                    .set("schema", JSON.objectNode().put("type", "string"));
        }
        for (RouteDoc.Query q : doc.query) {
            parameters.addObject().put("name", q.name()).put("in", "query").put("required", false)
                    .put("description", q.description()).set("schema", schemas.schemaOf(q.type()));
        }
        if (!parameters.isEmpty()) {
            op.set("parameters", parameters);
        }
        if (doc.requestType != null) {
            op.putObject("requestBody").put("required", true).putObject("content")
                    .putObject(doc.requestMedia.type).set("schema", schemas.schemaOf(doc.requestType));
        }
        ObjectNode responses = op.putObject("responses");
        if (doc.replies.isEmpty()) {
            throw new IllegalStateException(e.key() + ": a RouteDoc needs at least one success response");
        }
        for (RouteDoc.Reply r : doc.replies) {
            ObjectNode response = responses.putObject(Integer.toString(r.status()));
            response.put("description", r.description().isEmpty() ? "OK" : r.description());
            if (r.media() == RouteDoc.Media.HTML) {
                response.putObject("content").putObject(r.media().type)
                        .set("schema", JSON.objectNode().put("type", "string"));
            } else if (r.media() == RouteDoc.Media.JSON) {
                ObjectNode schema = switch (r.shape()) {
                    case ONE -> schemas.schemaOf(r.type());
                    case LIST -> JSON.objectNode().put("type", "array").set("items", schemas.schemaOf(r.type()));
                    case MAP -> schemas.mapOf(r.type());
                    case NONE -> throw new IllegalStateException(e.key() + ": JSON reply without a type");
                };
                response.putObject("content").putObject(r.media().type).set("schema", schema);
            }
        }
        Class<?> error = doc.errorType != null ? doc.errorType
                : e.pattern().startsWith("/api/v2/") ? Response.class : OAuth2ErrorResponse.class;
        for (String range : List.of("4XX", "5XX")) {
            responses.putObject(range).put("description", range.startsWith("4") ? "Refused" : "Server error")
                    .putObject("content").putObject("application/json").set("schema", schemas.schemaOf(error));
        }
        ArrayNode security = op.putArray("security");
        if (doc.authenticated) {
            for (String scheme : List.of(HEADER_SCHEME, COOKIE_SCHEME, BEARER_SCHEME)) {
                security.addObject().putArray(scheme);
            }
        }
        return op;
    }

    /** {@code GET /api/v2/users/{user}/keys} → {@code get_users_user_keys}: unique per method and pattern. */
    static String operationId(Endpoint e) {
        String path = e.pattern().replaceFirst("^/api/v2/", "/").replaceAll("[{}]", "")
                .replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        return Objects.requireNonNull(e.method()).toLowerCase(Locale.ROOT) + (path.isEmpty() ? "" : "_" + path);
    }
}
