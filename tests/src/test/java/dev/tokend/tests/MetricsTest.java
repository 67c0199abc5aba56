package dev.tokend.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.testkit.RawHttp;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Prometheus metrics and the single key lookup per authenticated request. */
class MetricsTest {

    @Test
    void oneAuthenticatedRequestLooksTheKeyUpOnce() {
        try (TestServer server = TestServer.start()) {
            TestServer.Account owner = server.createFirstUser();
            var lookups = server.server().metrics().get("tokend_api_key_lookups").counter();
            double before = lookups.count();
            assertThat(server.http().get("/api/v2/users/me/keys/tokens").sessionToken(owner.token()).send().status())
                    .isEqualTo(200);
            assertThat(lookups.count() - before).isEqualTo(1.0);
        }
    }

    @Test
    void metricsOnTheMainListenerUseRoutePatternsAndNeverIds() {
        try (TestServer server = TestServer.start(o -> o.withPrometheusEnable(true))) {
            TestServer.Account owner = server.createFirstUser();
            TestServer.Account member = server.createUser(owner);
            server.http().get("/api/v2/users/" + member.id()).sessionToken(owner.token()).send();
            server.http().get("/api/v2/users/me/keys/" + Tokens.idOf(member.token())).sessionToken(owner.token()).send();
            server.http().get("/api/v2/users/me").sessionToken("garbage").send();
            server.http().get("/no/such/route/" + member.id()).send();
            RawHttp.Response metrics = server.http().get("/metrics").send();
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("tokend_http_requests_seconds_count{method=\"GET\",route=\"/api/v2/users/{user}\",status=\"200\"}")
                    .contains("route=\"/api/v2/users/{user}/keys/{keyid}\"")
                    .contains("route=\"(unmatched)\"")
                    .contains("tokend_http_requests_seconds_bucket")
                    .contains("tokend_auth_outcomes_total{outcome=\"valid\"}")
                    .contains("tokend_auth_outcomes_total{outcome=\"invalid\"}")
                    .contains("tokend_purge_runs_total")
                    .contains("tokend_purge_deleted_api_keys_total")
                    .contains("hikaricp_connections")
                    .contains("jvm_memory_used_bytes")
                    .doesNotContain(member.id().toString())
                    .doesNotContain(Tokens.idOf(member.token()));
        }
    }

    @Test
    void metricsOnTheirOwnAddressAreNotOnTheMainListener() throws Exception {
        try (TestServer server = TestServer.start(o -> o.withPrometheusEnable(true)
                .withPrometheusAddress("127.0.0.1:0"))) {
            int port = server.server().metricsPort();
            assertThat(port).isPositive();
            RawHttp.Response metrics = new RawHttp(URI.create("http://127.0.0.1:" + port)).get("/metrics").send();
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
            assertThat(server.http().get("/metrics").send().status()).isEqualTo(404);
        }
    }

    @Test
    void metricsAreOffByDefault() {
        try (TestServer server = TestServer.start()) {
            assertThat(server.http().get("/metrics").send().status()).isEqualTo(404);
        }
    }
}
