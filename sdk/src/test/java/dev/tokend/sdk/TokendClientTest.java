package dev.tokend.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import dev.tokend.sdk.model.AllowListTarget;
import dev.tokend.sdk.model.ApiKeyWithOwner;
import dev.tokend.sdk.model.AuthorizationRequest;
import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.sdk.model.UpdateTokenRequest;
import dev.tokend.sdk.model.User;
import dev.tokend.sdk.model.ValidationError;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@link TokendClient} sends and how it reads what comes back, through a transport that
 * records each request and answers with a canned reply: bodies as databind writes them, answers
 * decoded, errors as {@link ApiException}, answers that are not the API's JSON as
 * {@link UncheckedIOException}.
 */
class TokendClientTest {
    private static final String USER = """
            {"id":"4f7b9d2e-1c3a-4b5d-8e6f-7a8b9c0d1e2f","username":"ada","name":"Ada","email":"ada@example.com",
             "avatar_url":"","created_at":"2026-01-02T03:04:05.123Z","updated_at":"2026-01-02T03:04:05Z",
             "last_seen_at":"2026-01-02T03:04:05Z","status":"active","login_type":"password","theme_preference":"",
             "organization_ids":[],"roles":[{"name":"owner","display_name":"Owner"}],"future_field":{"x":[1]}}
            """;

    private final List<Transport.Request> requests = new ArrayList<>();
    private int status = 200;
    private String answer = "";

    private TokendClient client() {
        Transport transport = request -> {
            requests.add(request);
            return new Transport.Reply(status, answer.getBytes(StandardCharsets.UTF_8));
        };
        return TokendClient.builder(URI.create("http://tokend.test")).transport(transport).sessionToken("t").build();
    }

    private String sentBody() {
        return new String(requests.getLast().body(), StandardCharsets.UTF_8);
    }

    @Test
    void requestBodiesAreWhatDatabindWritesWithTheRecordsInclusionRules() throws Exception {
        answer = "{\"key\":\"tkdt_x\"}";
        CreateTokenRequest create = CreateTokenRequest.of("ci", Duration.ofDays(1), List.of("user:read"),
                List.of(new AllowListTarget("workspace", "*")));
        UpdateTokenRequest update = new UpdateTokenRequest(null, List.of("api_key:read"), null, null);
        AuthorizationRequest check = new AuthorizationRequest(Map.of("read", new AuthorizationRequest.Check(
                new AuthorizationRequest.AuthObject("api_key", "me", null, null), "read")));

        assertThat(client().createToken("me", create).key()).isEqualTo("tkdt_x");
        assertThat(sentBody()).isEqualTo(TokendJson.mapper().writeValueAsString(create))
                .isEqualTo("{\"lifetime\":86400000000000,\"scopes\":[\"user:read\"],\"token_name\":\"ci\","
                        + "\"allow_list\":[{\"type\":\"workspace\",\"id\":\"*\"}]}");
        assertThat(requests.getLast().headers()).containsEntry("Content-Type", "application/json")
                .containsEntry(TokendClient.SESSION_TOKEN_HEADER, "t");
        client().updateToken("me", "ci", update);
        assertThat(sentBody()).isEqualTo(TokendJson.mapper().writeValueAsString(update))
                .isEqualTo("{\"scopes\":[\"api_key:read\"]}");
        answer = "{\"read\":true}";
        assertThat(client().authCheck(check)).containsExactly(Map.entry("read", true));
        assertThat(sentBody()).isEqualTo(TokendJson.mapper().writeValueAsString(check));
    }

    @Test
    void aRequestWithoutBodySendsNone() {
        answer = USER;

        client().me();

        assertThat(requests.getLast().body()).isNull();
        assertThat(requests.getLast().headers()).doesNotContainKey("Content-Type");
    }

    @Test
    void answersAreDecodedAsDatabindDecodesThem() throws Exception {
        answer = USER;
        User me = client().me();

        assertThat(me).isEqualTo(TokendJson.mapper().readValue(USER, User.class));
        assertThat(me.username()).isEqualTo("ada");
        assertThat(me.roles()).extracting(role -> role.name()).containsExactly("owner");

        answer = "[{\"id\":\"abc\",\"token_name\":\"ci\",\"lifetime_seconds\":60,\"username\":\"ada\"}]";
        List<ApiKeyWithOwner> tokens = client().tokens("me", false, false);

        assertThat(tokens).singleElement().satisfies(token -> {
            assertThat(token.tokenName()).isEqualTo("ci");
            assertThat(token.lifetimeSeconds()).isEqualTo(60);
            assertThat(token.username()).isEqualTo("ada");
        });
        answer = "null";
        assertThat(client().tokens("me", false, false)).isEmpty();
    }

    @Test
    void anAnswerThatIsNotJsonIsAnUncheckedIoExceptionNamingTheRequest() {
        answer = "<html>proxy error</html>";

        assertThatThrownBy(() -> client().me())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot decode response of GET /api/v2/users/me")
                .cause().isInstanceOf(JacksonException.class);
    }

    @Test
    void anAnswerOfAnotherShapeIsAnUncheckedIoExceptionSayingWhere() {
        answer = "{\"users\":[{\"username\":1}],\"count\":1}";

        assertThatThrownBy(() -> client().users())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot decode response of GET /api/v2/users")
                .cause().isInstanceOf(JacksonException.class)
                .hasMessageContaining("expected a string at /users/0/username, not the number 1");
    }

    @Test
    void anAnswerWithTrailingJsonIsRefused() {
        answer = USER + " {}";

        assertThatThrownBy(() -> client().me()).isInstanceOf(UncheckedIOException.class)
                .cause().hasMessageContaining("more JSON after the value");
    }

    @Test
    void anErrorAnswerIsAnApiExceptionWithTheServersMessageDetailAndValidations() {
        status = 400;
        answer = "{\"message\":\"Validation failed.\",\"detail\":\"see below\","
                + "\"validations\":[{\"field\":\"token_name\",\"detail\":\"too long\"}]}";

        assertThatThrownBy(() -> client().me()).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.message()).isEqualTo("Validation failed.");
            assertThat(e.detail()).isEqualTo("see below");
            assertThat(e.validations()).containsExactly(new ValidationError("token_name", "too long"));
        });
    }

    @Test
    void anErrorAnswerThatIsNotTheApisJsonKeepsItsText() {
        status = 403;
        for (String text : List.of("CSRF token missing", "{\"error\":\"no message field\"}", "{\"message\":1}")) {
            answer = text + "\n";

            assertThatThrownBy(() -> client().me()).as(text).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.message()).isEqualTo(text);
            });
        }
    }

    @Test
    void anEndpointWithoutAnswerDoesNotReadTheBody() {
        answer = "not JSON";

        client().deleteApiKey("me", "abc");

        assertThat(requests.getLast().method()).isEqualTo("DELETE");
        assertThat(requests.getLast().uri()).hasPath("/api/v2/users/me/keys/abc");
    }

    @Test
    void anEmptyAnswerIsNull() {
        answer = "";

        assertThat(client().me()).isNull();
    }
}
