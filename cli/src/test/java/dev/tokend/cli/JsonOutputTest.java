package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokend.sdk.TokendJson;
import dev.tokend.sdk.json.ApiKeyJson;
import dev.tokend.sdk.json.AuditJson;
import dev.tokend.sdk.json.Encoder;
import dev.tokend.sdk.json.OAuth2Json;
import dev.tokend.sdk.json.UserJson;
import dev.tokend.sdk.model.AllowListTarget;
import dev.tokend.sdk.model.ApiKey;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.AuditDiffField;
import dev.tokend.sdk.model.AuditLog;
import dev.tokend.sdk.model.AuditLogResponse;
import dev.tokend.sdk.model.OAuth2ProviderApp;
import dev.tokend.sdk.model.SlimRole;
import dev.tokend.sdk.model.User;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@code -o json} prints, byte for byte, what the commands printed when they went through databind
 * ({@code TokendJson.mapper().writerWithDefaultPrettyPrinter()}, with the ad-hoc objects built as
 * {@code ObjectNode}s): scripts that read the output see no change.
 */
class JsonOutputTest {
    private static final ObjectMapper DATABIND = TokendJson.mapper();
    private static final Instant TIME = Instant.parse("2026-03-04T05:06:07.089Z");

    private static final User USER = new User(UUID.fromString("4f7b9d2e-1c3a-4b5d-8e6f-7a8b9c0d1e2f"), "ada",
            "Ada \"Countess\" Lovelace", "ada@example.com", "", TIME, TIME.plusSeconds(1), null, "active", "password",
            "", List.of(UUID.fromString("0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5")),
            List.of(new SlimRole("owner", "Owner", null), new SlimRole("organization-admin", "Organization Admin",
                    "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5")));
    private static final ApiKey KEY = new ApiKey("aBcD3fGh1j", USER.id(), Instant.EPOCH, TIME.plusSeconds(86_400),
            TIME, TIME, "token", "all", List.of("all", "user:read"), "ci", 86_400,
            List.of(new AllowListTarget("*", "*")));

    @Test
    void recordsAndListsArePrintedAsDatabindPrettyPrintedThem() throws Exception {
        ApiKeyWithOwner token = ApiKeyWithOwner.of(KEY, "ada");
        OAuth2ProviderApp app = new OAuth2ProviderApp(UUID.randomUUID(), "Grafana", "https://g.example/cb", "",
                List.of("https://g.example/cb"), "confidential", List.of("authorization_code"), List.of(), false,
                TIME, new OAuth2ProviderApp.Endpoints("https://t.example/oauth2/authorize",
                        "https://t.example/oauth2/token", ""));

        assertPrints(out -> JsonOutput.print(out, USER, UserJson::write), USER);
        assertPrints(out -> JsonOutput.print(out, List.of(USER, USER), Encoder.listOf(UserJson::write)),
                List.of(USER, USER));
        assertPrints(out -> JsonOutput.print(out, token, ApiKeyJson::write), token);
        assertPrints(out -> JsonOutput.print(out, List.of(token), Encoder.listOf(ApiKeyJson::write)), List.of(token));
        assertPrints(out -> JsonOutput.print(out, List.<ApiKeyWithOwner>of(), Encoder.listOf(ApiKeyJson::write)),
                List.of());
        assertPrints(out -> JsonOutput.print(out, List.of(app), Encoder.listOf(OAuth2Json::write)), List.of(app));
        assertPrints(out -> JsonOutput.print(out, app, OAuth2Json::write), app);
        AuditLogResponse audit = audit();
        assertPrints(out -> JsonOutput.print(out, audit, AuditJson::write), audit);
    }

    @Test
    void theCommandsOwnObjectsArePrintedAsTheirObjectNodesWere() throws Exception {
        String url = "http://127.0.0.1:3000";
        StringWriter whoami = new StringWriter();
        // WhoamiCommand's output, through the same lines as the command.
        JsonOutput.print(new PrintWriter(whoami), USER, (g, user) -> {
            g.writeStartObject();
            g.writeStringField("url", url);
            g.writeFieldName("user");
            UserJson.write(g, user);
            g.writeEndObject();
        });
        ObjectNode oldWhoami = DATABIND.createObjectNode().put("url", url);
        oldWhoami.set("user", DATABIND.valueToTree(USER));
        ObjectNode oldCreated = DATABIND.valueToTree(KEY);
        oldCreated.put("key", "tkdt_secret");
        StringWriter created = new StringWriter();
        JsonOutput.print(new PrintWriter(created), KEY, (g, k) -> {
            g.writeStartObject();
            ApiKeyJson.writeFields(g, k);
            g.writeStringField("key", "tkdt_secret");
            g.writeEndObject();
        });

        assertThat(whoami.toString()).isEqualTo(databindText(oldWhoami));
        assertThat(created.toString()).isEqualTo(databindText(oldCreated));
        assertPrints(out -> JsonOutput.message(out, "Token \"ci\" expired."),
                DATABIND.createObjectNode().put("message", "Token \"ci\" expired."));
        assertPrints(out -> JsonOutput.strings(out, "id", "aBcD3fGh1j", "message", "gone"),
                DATABIND.createObjectNode().put("id", "aBcD3fGh1j").put("message", "gone"));
        assertPrints(out -> JsonOutput.strings(out, "session_token", null),
                DATABIND.createObjectNode().put("session_token", (String) null));
    }

    private static AuditLogResponse audit() {
        Map<String, AuditDiffField> diff = new LinkedHashMap<>();
        diff.put("scopes", new AuditDiffField(List.of("all"), List.of("user:read"), false));
        diff.put("hashed_secret", new AuditDiffField(null, null, true));
        Map<String, Object> additional = new LinkedHashMap<>();
        List<Object> mixed = new ArrayList<>(List.of(1, 3_000_000_000L, 0.5, true));
        mixed.add(null);
        additional.put("mixed", mixed);
        additional.put("nested", Map.of("k", "v"));
        AuditLog entry = new AuditLog(UUID.randomUUID(), UUID.randomUUID(), TIME, "127.0.0.1", "curl/8", "api_key",
                UUID.randomUUID(), "ci", "", "write", diff, 200, additional, "{user} updated token ci", "", false,
                null, USER);
        return new AuditLogResponse(List.of(entry), 1);
    }

    private static void assertPrints(Consumer<PrintWriter> print, Object value) throws Exception {
        StringWriter text = new StringWriter();
        print.accept(new PrintWriter(text));

        assertThat(text.toString()).isEqualTo(databindText(value));
    }

    /** How {@code JsonOutput} printed {@code value} with databind: pretty, then a line end. */
    private static String databindText(Object value) throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println(DATABIND.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        out.flush();
        return text.toString();
    }
}
