package dev.tokend.sdk.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tokend.sdk.ApiException;
import dev.tokend.sdk.TokendClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TokenVerifier} against a stand-in for tokend's {@code GET /api/v2/users/me} that counts
 * the calls per token, with a clock the tests move by hand.
 */
class TokenVerifierTest {
    private static final String ALICE = "tkdt_aaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String BOB = "tkdt_bbbbbbbbbb_bbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static final String CAROL = "tkdt_cccccccccc_cccccccccccccccccccccccccccc";
    private static final String REVOKED = "tkdt_rrrrrrrrrr_rrrrrrrrrrrrrrrrrrrrrrrrrrrr";

    /** Answers of the stand-in, by token: status and JSON body. */
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final ManualClock clock = new ManualClock();
    private HttpServer tokend;
    private TokendClient client;

    private record Answer(int status, String body) {}

    /** A clock tests advance by hand. */
    private static final class ManualClock implements InstantSource {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T12:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }
    }

    @BeforeEach
    void start() throws IOException {
        answers.put(ALICE, user("alice"));
        answers.put(BOB, user("bob"));
        answers.put(CAROL, user("carol"));
        answers.put(REVOKED, new Answer(401, """
                {"message":"You are signed out or your session has expired. Please sign in again to continue.",\
                "detail":"API key is invalid."}"""));
        tokend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokend.createContext("/api/v2/users/me", this::me);
        tokend.start();
        client = TokendClient.builder(URI.create("http://127.0.0.1:" + tokend.getAddress().getPort())).build();
    }

    @AfterEach
    void stop() {
        tokend.stop(0);
    }

    private static Answer user(String username) {
        return new Answer(200, "{\"id\":\"5b1a6f2e-9d0c-4a57-8f43-2c9e1d7b6a10\",\"username\":\"" + username
                + "\",\"email\":\"" + username + "@example.com\",\"status\":\"active\"}");
    }

    private void me(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestHeaders().getFirst(TokendClient.SESSION_TOKEN_HEADER);
        calls.computeIfAbsent(String.valueOf(token), t -> new AtomicInteger()).incrementAndGet();
        Answer answer = answers.getOrDefault(String.valueOf(token), new Answer(401, "{\"message\":\"unknown\"}"));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private int callsFor(String token) {
        return calls.getOrDefault(token, new AtomicInteger()).get();
    }

    private TokenVerifier verifier() {
        return TokenVerifier.builder(client).ttl(Duration.ofSeconds(30)).clock(clock).build();
    }

    @Test
    void verifiedTokenIsAnsweredFromTheCacheUntilTheTtlHasPassed() {
        TokenVerifier verifier = verifier();

        VerificationResult first = verifier.verify(ALICE);
        clock.advance(Duration.ofSeconds(29));
        VerificationResult cached = verifier.verify(ALICE);

        assertThat(first).isInstanceOfSatisfying(VerificationResult.Verified.class,
                v -> assertThat(v.user().username()).isEqualTo("alice"));
        assertThat(cached).isEqualTo(first);
        assertThat(callsFor(ALICE)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        verifier.verify(ALICE);

        assertThat(callsFor(ALICE)).isEqualTo(2);
    }

    @Test
    void cachedAnswerOutlivesARevocationOnlyUntilTheTtl() {
        TokenVerifier verifier = verifier();
        verifier.verify(ALICE);
        answers.put(ALICE, answers.get(REVOKED));

        assertThat(verifier.verify(ALICE)).isInstanceOf(VerificationResult.Verified.class);

        clock.advance(Duration.ofSeconds(30));
        assertThat(verifier.verify(ALICE)).isInstanceOf(VerificationResult.Rejected.class);
    }

    @Test
    void rejectionCarriesTheServersAnswerAndIsNeverCached() {
        TokenVerifier verifier = verifier();

        VerificationResult first = verifier.verify(REVOKED);
        VerificationResult second = verifier.verify(REVOKED);

        assertThat(first).isEqualTo(new VerificationResult.Rejected(401,
                "You are signed out or your session has expired. Please sign in again to continue.",
                "API key is invalid."));
        assertThat(second).isEqualTo(first);
        assertThat(callsFor(REVOKED)).isEqualTo(2);
        assertThat(verifier.cachedCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503})
    void busyOrFailingServerIsUnavailableNotRejectedAndNotCached(int status) {
        answers.put(ALICE, new Answer(status, "{\"message\":\"An internal error occurred.\"}"));
        TokenVerifier verifier = verifier();

        VerificationResult result = verifier.verify(ALICE);
        verifier.verify(ALICE);

        assertThat(result).isInstanceOfSatisfying(VerificationResult.Unavailable.class,
                u -> assertThat(u.cause()).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(status)));
        assertThat(callsFor(ALICE)).isEqualTo(2);
    }

    @Test
    void unreachableServerIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TokenVerifier verifier = TokenVerifier.builder(
                TokendClient.builder(URI.create("http://127.0.0.1:" + closedPort)).build()).build();

        VerificationResult result = verifier.verify(ALICE);

        assertThat(result).isInstanceOfSatisfying(VerificationResult.Unavailable.class,
                u -> assertThat(u.cause()).isInstanceOf(UncheckedIOException.class));
        assertThat(verifier.cachedCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankTokenIsRejectedWithoutAskingTokend(String token) {
        TokenVerifier verifier = verifier();

        assertThat(verifier.verify(token)).isInstanceOfSatisfying(VerificationResult.Rejected.class,
                r -> assertThat(r.status()).isEqualTo(401));
        assertThat(verifier.verify(null)).isInstanceOf(VerificationResult.Rejected.class);
        assertThat(calls).isEmpty();
    }

    @Test
    void fullCacheForgetsTheOldestToken() {
        TokenVerifier verifier = TokenVerifier.builder(client).maxSize(2).clock(clock).build();

        verifier.verify(ALICE);
        verifier.verify(BOB);
        verifier.verify(CAROL);
        verifier.verify(BOB);
        verifier.verify(ALICE);

        assertThat(verifier.cachedCount()).isEqualTo(2);
        assertThat(callsFor(BOB)).isEqualTo(1);
        assertThat(callsFor(ALICE)).isEqualTo(2);
    }

    @Test
    void invalidateMakesTheNextVerificationAskAgain() {
        TokenVerifier verifier = verifier();
        verifier.verify(ALICE);

        verifier.invalidate(ALICE);
        verifier.verify(ALICE);

        assertThat(callsFor(ALICE)).isEqualTo(2);
    }

    @Test
    void zeroTtlDisablesCaching() {
        TokenVerifier verifier = TokenVerifier.builder(client).ttl(Duration.ZERO).clock(clock).build();

        verifier.verify(ALICE);
        verifier.verify(ALICE);

        assertThat(callsFor(ALICE)).isEqualTo(2);
    }

    @Test
    void cacheKeyIsTheSha256OfTheTokenNotTheToken() {
        // FIPS 180-2 test vector.
        assertThat(TokenVerifier.digest("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TokenVerifier.digest(ALICE)).doesNotContain("aaaaaaaaaa").hasSize(64);
    }

    @Test
    void negativeSettingsAreRefused() {
        TokenVerifier.Builder builder = TokenVerifier.builder(client);

        assertThatIllegalArgumentException().isThrownBy(() -> builder.ttl(Duration.ofSeconds(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxSize(-1));
    }
}
