package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.tokend.sdk.TokendJson;
import dev.tokend.server.http.RouteTable;
import dev.tokend.server.openapi.OpenApiDocument;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServerExtension;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI document (issue 14) through the real server: it validates, it names exactly the
 * routes of the table under {@code /api/v2}, {@code /oauth2} and {@code /.well-known}, its schemas
 * carry the SDK records' wire names, and the Swagger UI page serves it from the webjar.
 */
class OpenApiDocumentTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.create();

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    private static RawHttp.Response document() {
        RawHttp.Response r = server.http().get("/api/v2/openapi.json").send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        return r;
    }

    @Test
    void documentValidatesAsOpenApi31WithoutMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(document().body(), null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes())
                .containsOnlyKeys("CoderSessionToken", "CoderSessionCookie", "BearerToken");
    }

    @Test
    void documentNamesEveryApiRouteAndNoOther() {
        Set<String> routes = server.server().routes().routes().stream()
                .filter(r -> OpenApiDocument.documented(r.pattern()))
                .filter(r -> !r.method().text().equals("OPTIONS")) // CORS preflights are not operations
                .map(OpenApiDocumentTest::key)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        JsonNode paths = document().json().get("paths");
        paths.fieldNames().forEachRemaining(path -> paths.get(path).fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
            }
        }));
        assertThat(routes).as("routes missing from the document (add a RouteDoc in ApiDocs)")
                .isSubsetOf(documented);
        assertThat(documented).as("document names routes that do not exist").isSubsetOf(routes);
        assertThat(routes).contains("GET /api/v2/openapi.json", "GET /api/v2/users/{user}/keys/{keyid}");
    }

    @Test
    void everyDocumentedRouteHasARouteAndEveryEntryIsUsed() {
        Set<String> routes = server.server().routes().routes().stream().map(OpenApiDocumentTest::key)
                .collect(Collectors.toSet());
        assertThat(routes).as("ApiDocs entries for routes that no longer exist")
                .containsAll(dev.tokend.server.ApiDocs.all().keySet());
    }

    @Test
    void everyComponentIsAnSdkRecordWithTheSameWireNames() throws Exception {
        JsonNode schemas = document().json().get("components").get("schemas");
        ObjectMapper mapper = TokendJson.mapper();
        List<String> compared = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> component = it.next();
            Class<?> record = Class.forName("dev.tokend.sdk.model." + component.getKey().replace('.', '$'));
            assertThat(record.isRecord()).as(component.getKey()).isTrue();
            JavaType type = mapper.constructType(record);
            Set<String> jackson = mapper.getSerializationConfig().introspect(type).findProperties().stream()
                    .map(BeanPropertyDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
            Set<String> documented = new TreeSet<>();
            component.getValue().get("properties").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as("properties of " + component.getKey()).isEqualTo(jackson);
            compared.add(component.getKey());
        }
        assertThat(compared).contains("User", "ApiKey", "Response", "ValidationError", "AuthMethods.Oidc",
                "AuditDiffField");
        // @JsonProperty wins over snake_case: the reference spells these camelCase.
        assertThat(schemas.get("AuthMethods.Oidc").get("properties").has("signInText")).isTrue();
        assertThat(schemas.get("AuditDiffField").get("properties").has("new")).isTrue();
    }

    @Test
    void schemasFollowTheTypeMapping() {
        JsonNode doc = document().json();
        JsonNode key = doc.get("components").get("schemas").get("ApiKey").get("properties");
        assertThat(key.get("user_id").get("format").asText()).isEqualTo("uuid");
        assertThat(key.get("expires_at").get("format").asText()).isEqualTo("date-time");
        assertThat(key.get("lifetime_seconds").get("format").asText()).isEqualTo("int64");
        assertThat(key.get("allow_list").get("items").get("$ref").asText())
                .isEqualTo("#/components/schemas/AllowListTarget");
        JsonNode tokens = doc.get("paths").get("/api/v2/users/{user}/keys/tokens");
        assertThat(tokens.get("get").get("responses").get("200").get("content").get("application/json")
                .get("schema").get("type").asText()).isEqualTo("array");
        assertThat(tokens.get("post").get("responses").get("4XX").get("content").get("application/json")
                .get("schema").get("$ref").asText()).isEqualTo("#/components/schemas/Response");
        assertThat(tokens.get("post").get("security")).hasSize(3);
        assertThat(doc.get("paths").get("/api/v2/buildinfo").get("get").get("security")).isEmpty();
    }

    @Test
    void swaggerPageLoadsTheDocumentWithWebjarAssetsAndThePageHeaders() throws IOException {
        RawHttp.Response page = server.http().get("/swagger").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("data-openapi-url=\"/api/v2/openapi.json\"")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script>");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Matcher nonce = Pattern.compile("script-src 'nonce-([^']+)'").matcher(csp);
        assertThat(nonce.find()).as(csp).isTrue();
        Matcher scripts = Pattern.compile("<script src=\"([^\"]+)\" nonce=\"([^\"]+)\"></script>").matcher(page.body());
        int count = 0;
        while (scripts.find()) {
            assertThat(scripts.group(2)).isEqualTo(nonce.group(1));
            count++;
        }
        assertThat(count).isEqualTo(2);

        Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        List<String> urls = new ArrayList<>();
        while (assets.find()) {
            urls.add(assets.group(1));
        }
        assertThat(urls).allMatch(u -> u.startsWith("/swagger/"), "served by tokend").hasSize(4);
        for (String url : urls) {
            RawHttp.Response asset = server.http().get(url).send();
            assertThat(asset.status()).as(url).isEqualTo(200);
            assertThat(asset.body()).as(url).isNotEmpty();
        }
        RawHttp.Response bundle = server.http().get("/swagger/swagger-ui-bundle.js").send();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(
                "META-INF/resources/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js")) {
            assertThat(in).as("the pinned webjar").isNotNull();
            assertThat(bundle.body()).isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(server.http().get("/swagger/initializer.js").send().status()).isEqualTo(404);
        assertThat(server.http().get("/swagger/tokend-swagger.js").send().body()).contains("SwaggerUIBundle");
    }

    private static String key(RouteTable.Route route) {
        return route.method().text() + " " + route.pattern();
    }
}
