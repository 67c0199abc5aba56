package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.sdk.model.CreateFirstUserRequest;
import dev.tokend.testkit.DbGen;
import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** First user, auth methods, login and logout (spec §2.1 U1–U5). Each test owns a fresh server. */
class FirstUserAndLoginTest {

    @Test
    void thePasswordPolicyAnswersWithoutAKeyOnlyUntilTheFirstUserExists() {
        try (TestServer server = TestServer.start()) {
            RawHttp http = server.http();
            // Setup: no session can exist yet, and `tokend login` checks the password as it is typed.
            RawHttp.Response weak = http.post("/api/v2/users/validate-password").json(Map.of("password", "password")).send();
            assertThat(weak.status()).isEqualTo(200);
            assertThat(weak.json().path("valid").asBoolean()).isFalse();
            assertThat(weak.json().path("details").asText()).startsWith("insecure password");
            assertThat(http.post("/api/v2/users/validate-password").json(Map.of("password", TestServer.PASSWORD))
                    .send().json().path("valid").asBoolean()).isTrue();

            assertThat(http.post("/api/v2/users/first").json(Map.of(
                    "email", "admin@example.com", "username", "admin", "password", TestServer.PASSWORD)).send().status())
                    .isEqualTo(201);

            RawHttp.Response afterwards = http.post("/api/v2/users/validate-password")
                    .json(Map.of("password", "password")).send();
            assertThat(afterwards.status()).isEqualTo(401);
        }
    }

    @Test
    void firstUserFlowFromEmptyDeploymentToSignedInOwner() {
        try (TestServer server = TestServer.start()) {
            RawHttp http = server.http();
            RawHttp.Response none = http.get("/api/v2/users/first").send();
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.message()).isEqualTo("The initial user has not been created!");

            RawHttp.Response created = http.post("/api/v2/users/first").json(Map.of(
                    "email", "admin@example.com", "username", "admin", "password", TestServer.PASSWORD)).send();
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().path("user_id").asText()).hasSize(36);
            assertThat(created.json().path("organization_id").asText()).hasSize(36);

            RawHttp.Response exists = http.get("/api/v2/users/first").send();
            assertThat(exists.status()).isEqualTo(200);
            assertThat(exists.message()).isEqualTo("The initial user has already been created!");

            RawHttp.Response again = http.post("/api/v2/users/first").json(Map.of(
                    "email", "second@example.com", "username", "second", "password", TestServer.PASSWORD)).send();
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.message()).isEqualTo("The initial user has already been created.");

            RawHttp.Response login = http.post("/api/v2/users/login")
                    .json(Map.of("email", "ADMIN@example.com", "password", TestServer.PASSWORD)).send();
            assertThat(login.status()).isEqualTo(201);
            String token = login.json().path("session_token").asText();
            RawHttp.Response me = http.get("/api/v2/users/me").sessionToken(token).send();
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().path("username").asText()).isEqualTo("admin");
            assertThat(me.json().path("status").asText()).isEqualTo("active");
            assertThat(me.json().path("roles").get(0).path("name").asText()).isEqualTo("owner");
            assertThat(me.json().path("organization_ids").get(0).asText())
                    .isEqualTo(created.json().path("organization_id").asText());
        }
    }

    @Test
    void firstUserInputIsValidated() {
        try (TestServer server = TestServer.start()) {
            RawHttp http = server.http();
            RawHttp.Response missing = http.post("/api/v2/users/first").json(Map.of("email", "a@example.com")).send();
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.message()).isEqualTo("Validation failed.");
            assertThat(missing.json().path("validations").findValuesAsText("field"))
                    .containsExactlyInAnyOrder("username", "password");

            RawHttp.Response weak = http.post("/api/v2/users/first").json(Map.of(
                    "email", "a@example.com", "username", "a", "password", "password")).send();
            assertThat(weak.status()).isEqualTo(400);
            assertThat(weak.message()).isEqualTo("Password is invalid");
            assertThat(weak.json().path("validations").get(0).path("field").asText()).isEqualTo("password");
            assertThat(weak.json().path("validations").get(0).path("detail").asText()).startsWith("insecure password");
            assertThat(http.get("/api/v2/users/first").send().status()).isEqualTo(404);
        }
    }

    @Test
    void concurrentFirstUserRequestsCreateExactlyOneOwner() throws Exception {
        try (TestServer server = TestServer.start()) {
            int attempts = 6;
            var pool = java.util.concurrent.Executors.newFixedThreadPool(attempts);
            try {
                var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
                for (int i = 0; i < attempts; i++) {
                    int n = i;
                    results.add(pool.submit(() -> server.http().post("/api/v2/users/first").json(Map.of(
                            "email", "race" + n + "@example.com", "username", "race" + n,
                            "password", TestServer.PASSWORD)).send().status()));
                }
                int created = 0;
                for (var r : results) {
                    int status = r.get();
                    assertThat(status).isIn(201, 409);
                    created += status == 201 ? 1 : 0;
                }
                assertThat(created).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void loginSetsTheSessionCookieAndWrongPasswordAndUnknownEmailLookIdentical() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            RawHttp http = server.http();
            RawHttp.Response ok = http.post("/api/v2/users/login")
                    .json(Map.of("email", owner.email(), "password", TestServer.PASSWORD)).send();
            assertThat(ok.status()).isEqualTo(201);
            String token = ok.json().path("session_token").asText();
            assertThat(ok.cookies()).anySatisfy(c -> assertThat(c)
                    .startsWith("coder_session_token=" + token)
                    .containsIgnoringCase("Path=/").containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Lax").doesNotContainIgnoringCase("Secure")
                    .doesNotContainIgnoringCase("Max-Age").doesNotContainIgnoringCase("Expires"));

            RawHttp.Response wrongPassword = http.post("/api/v2/users/login")
                    .json(Map.of("email", owner.email(), "password", "WrongPassword!123")).send();
            RawHttp.Response unknownEmail = http.post("/api/v2/users/login")
                    .json(Map.of("email", "nobody@example.com", "password", "WrongPassword!123")).send();
            assertThat(wrongPassword.status()).isEqualTo(401);
            assertThat(unknownEmail.status()).isEqualTo(401);
            assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
            assertThat(wrongPassword.message()).isEqualTo("Incorrect email or password.");

            RawHttp.Response invalid = http.post("/api/v2/users/login").json(Map.of("email", "nope")).send();
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.message()).isEqualTo("Validation failed.");
        }
    }

    @Test
    void secureAuthCookieMarksTheCookieSecure() {
        try (TestServer server = TestServer.start(o -> o.withSecureAuthCookie(true))) {
            TestServer.Account owner = server.createFirstUser();
            RawHttp.Response ok = server.http().post("/api/v2/users/login")
                    .json(Map.of("email", owner.email(), "password", TestServer.PASSWORD)).send();
            assertThat(ok.cookies()).anySatisfy(c -> assertThat(c).startsWith("coder_session_token=")
                    .containsIgnoringCase("Secure"));
        }
    }

    @Test
    void disabledPasswordAuthBlocksEveryoneOnlyAfterACorrectPassword() {
        try (TestServer server = TestServer.start(o -> o.withDisablePasswordAuth(true))) {
            server.client().createFirstUser(new CreateFirstUserRequest("o@example.com", "o", TestServer.PASSWORD));
            RawHttp http = server.http();
            RawHttp.Response owner = http.post("/api/v2/users/login")
                    .json(Map.of("email", "o@example.com", "password", TestServer.PASSWORD)).send();
            assertThat(owner.status()).isEqualTo(403);
            assertThat(owner.message()).isEqualTo("Password authentication is disabled.");
            RawHttp.Response wrong = http.post("/api/v2/users/login")
                    .json(Map.of("email", "o@example.com", "password", "WrongPassword!123")).send();
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(server.client().authMethods().password().enabled()).isFalse();
        }
    }

    @Test
    void authMethodsHasTheReferenceShape() {
        try (TestServer server = TestServer.start()) {
            RawHttp.Response r = server.http().get("/api/v2/users/authmethods").send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("password").path("enabled").asBoolean()).isTrue();
            assertThat(r.json().path("github").path("enabled").asBoolean()).isFalse();
            assertThat(r.json().path("oidc").has("signInText")).isTrue();
            assertThat(r.json().path("oidc").has("iconUrl")).isTrue();
            assertThat(r.json().has("terms_of_service_url")).isTrue();
        }
    }

    @Test
    void logoutDeletesTheKeyUsedAndAppConnectKeysButNotOtherSessions() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            DbGen gen = DbGen.of(server);
            String other = gen.apiKey(owner.id()).insert().token();
            String appConnect = gen.apiKey(owner.id()).scopes(java.util.List.of("coder:application_connect")).insert().token();
            RawHttp.Response out = server.http().post("/api/v2/users/logout").sessionToken(owner.token()).send();
            assertThat(out.status()).isEqualTo(200);
            assertThat(out.message()).isEqualTo("Logged out!");
            assertThat(out.cookies()).anySatisfy(c -> assertThat(c).startsWith("coder_session_token=;")
                    .containsIgnoringCase("Max-Age=0"));
            assertThat(gen.keyExists(Tokens.idOf(owner.token()))).isFalse();
            assertThat(gen.keyExists(Tokens.idOf(appConnect))).isFalse();
            assertThat(gen.keyExists(Tokens.idOf(other))).isTrue();
            RawHttp.Response again = server.http().get("/api/v2/users/me").sessionToken(owner.token()).send();
            assertThat(again.status()).isEqualTo(401);
            assertThat(again.detail()).isEqualTo("API key is invalid.");
        }
    }

    @Test
    void logoutWithANamedTokenDeletesThatToken() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            DbGen gen = DbGen.of(server);
            String named = gen.apiKey(owner.id()).namedToken("deploy").insert().token();
            assertThat(server.http().post("/api/v2/users/logout").bearer(named).send().status()).isEqualTo(200);
            assertThat(gen.keyExists(Tokens.idOf(named))).isFalse();
        }
    }
}
