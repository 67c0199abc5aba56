package dev.tokend.server.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the OpenAPI document says about one route: summary, tags, whether it needs an API key, the
 * request body's record, the responses' records and the query parameters. Types are Java classes
 * (the SDK's records), never hand-written schemas: {@link RecordSchemas} derives those.
 *
 * <pre>{@code
 * doc("POST /api/v2/users/{user}/keys/tokens", RouteDoc.of("Create a named API token", "keys").authenticated()
 *         .body(CreateTokenRequest.class).returns(201, GenerateApiKeyResponse.class));
 * }</pre>
 */
public final class RouteDoc {
    /** How a body is carried. */
    public enum Media {
        JSON("application/json"), FORM("application/x-www-form-urlencoded"), HTML("text/html"), NONE("");

        final String type;

        Media(String type) {
            this.type = type;
        }
    }

    /** The shape of a body: one record, a list of records, a map of values by name, or nothing. */
    public enum Shape { ONE, LIST, MAP, NONE }

    /** A response: status, media, shape and the record (or value) type. */
    public record Reply(int status, Media media, Shape shape, Class<?> type, String description) {}

    /** A query parameter of a simple type. */
    public record Query(String name, Class<?> type, String description) {}

    final String summary;
    final List<String> tags;
    boolean authenticated;
    String description = "";
    Media requestMedia = Media.NONE;
    Class<?> requestType;
    final List<Reply> replies = new ArrayList<>();
    final List<Query> query = new ArrayList<>();
    Class<?> errorType;

    private RouteDoc(String summary, List<String> tags) {
        this.summary = Objects.requireNonNull(summary);
        this.tags = List.copyOf(tags);
    }

    /** A route documented with a one-line summary and its tags (the Swagger UI groups by the first). */
    public static RouteDoc of(String summary, String... tags) {
        return new RouteDoc(summary, List.of(tags));
    }

    /** The route needs an API key (header, cookie or bearer). */
    public RouteDoc authenticated() {
        this.authenticated = true;
        return this;
    }

    /** A longer explanation (CommonMark). */
    public RouteDoc description(String text) {
        this.description = Objects.requireNonNull(text);
        return this;
    }

    /** A JSON request body of record type {@code type}. */
    public RouteDoc body(Class<?> type) {
        return body(Media.JSON, type);
    }

    /** A form-encoded request body whose fields are {@code type}'s components. */
    public RouteDoc formBody(Class<?> type) {
        return body(Media.FORM, type);
    }

    private RouteDoc body(Media media, Class<?> type) {
        this.requestMedia = media;
        this.requestType = Objects.requireNonNull(type);
        return this;
    }

    /** A JSON response with one {@code type}. */
    public RouteDoc returns(int status, Class<?> type) {
        return reply(new Reply(status, Media.JSON, Shape.ONE, Objects.requireNonNull(type), ""));
    }

    /** A JSON response with an array of {@code type}. */
    public RouteDoc returnsListOf(int status, Class<?> type) {
        return reply(new Reply(status, Media.JSON, Shape.LIST, Objects.requireNonNull(type), ""));
    }

    /** A JSON object whose values, under names the caller chose, are {@code valueType}. */
    public RouteDoc returnsMapOf(int status, Class<?> valueType) {
        return reply(new Reply(status, Media.JSON, Shape.MAP, Objects.requireNonNull(valueType), ""));
    }

    /** An HTML page. */
    public RouteDoc returnsHtml(int status, String description) {
        return reply(new Reply(status, Media.HTML, Shape.NONE, null, description));
    }

    /** A response without a body (204, or a redirect described by {@code description}). */
    public RouteDoc returnsNothing(int status, String description) {
        return reply(new Reply(status, Media.NONE, Shape.NONE, null, description));
    }

    /** A query parameter ({@code String}, {@code boolean}, {@code long}, …). */
    public RouteDoc query(String name, Class<?> type, String description) {
        query.add(new Query(name, type, description));
        return this;
    }

    /**
     * The body of 4xx and 5xx answers, when not the default of the route's prefix (the API's
     * {@code Response} under {@code /api/v2}, the OAuth2 error elsewhere).
     */
    public RouteDoc errors(Class<?> type) {
        this.errorType = Objects.requireNonNull(type);
        return this;
    }

    private RouteDoc reply(Reply r) {
        replies.add(r);
        return this;
    }
}
