package dev.tokend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokend.sdk.model.CreateTokenRequest;
import dev.tokend.sdk.verify.TokenVerifier;
import dev.tokend.sdk.verify.VerificationResult;
import dev.tokend.testkit.MutableClock;
import dev.tokend.testkit.TestServer;
import dev.tokend.testkit.Tokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's {@link TokenVerifier} against the real server: what a service behind tokend sees when
 * a token is deleted or its user suspended while the answer is cached. (The SDK cannot depend on
 * the testkit, so this lives here; the SDK's own tests use a stand-in server.)
 */
class TokenVerifierServerTest {
    private static TestServer server;
    private static TestServer.Account owner;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = server.createFirstUser();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TokenVerifier verifier(MutableClock clock) {
        return TokenVerifier.builder(server.client()).ttl(Duration.ofSeconds(30)).clock(clock).build();
    }

    @Test
    void deletedTokenStaysVerifiedFromTheCacheUntilTheTtlThenIsRejected() {
        String token = owner.client().createToken("me", CreateTokenRequest.of(TestServer.uniqueTokenName(), null,
                null, null)).key();
        MutableClock clock = MutableClock.startingNow();
        TokenVerifier verifier = verifier(clock);

        assertThat(verifier.verify(token)).isInstanceOfSatisfying(VerificationResult.Verified.class,
                v -> assertThat(v.user().id()).isEqualTo(owner.id()));
        owner.client().deleteApiKey("me", Tokens.idOf(token));
        clock.advance(Duration.ofSeconds(29));

        assertThat(verifier.verify(token)).isInstanceOf(VerificationResult.Verified.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(verifier.verify(token)).isEqualTo(new VerificationResult.Rejected(401,
                "You are signed out or your session has expired. Please sign in again to continue.",
                "API key is invalid."));
    }

    @Test
    void suspendedUserIsRejectedOnceTheCachedAnswerExpires() {
        TestServer.Account member = server.createUser(owner);
        MutableClock clock = MutableClock.startingNow();
        TokenVerifier verifier = verifier(clock);
        assertThat(verifier.verify(member.token())).isInstanceOf(VerificationResult.Verified.class);

        owner.client().suspendUser(member.username());
        clock.advance(Duration.ofSeconds(30));

        assertThat(verifier.verify(member.token())).isInstanceOfSatisfying(VerificationResult.Rejected.class,
                r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void scopedTokenWithoutUserReadIsRejectedAsNotFound() {
        String withoutUserRead = owner.client().createToken("me", CreateTokenRequest.of(TestServer.uniqueTokenName(),
                null, List.of("api_key:read"), null)).key();
        String withUserRead = owner.client().createToken("me", CreateTokenRequest.of(TestServer.uniqueTokenName(),
                null, List.of("api_key:read", "user:read"), null)).key();
        TokenVerifier verifier = verifier(MutableClock.startingNow());

        // GET /users/me reads the user, so a token must be allowed to (reference §11 item 18).
        assertThat(verifier.verify(withoutUserRead)).isInstanceOfSatisfying(VerificationResult.Rejected.class,
                r -> assertThat(r.status()).isEqualTo(404));
        assertThat(verifier.verify(withUserRead)).isInstanceOf(VerificationResult.Verified.class);
    }

    @Test
    void malformedTokenIsRejectedWithTheServersDetail() {
        VerificationResult result = verifier(MutableClock.startingNow()).verify("not-a-token");

        assertThat(result).isInstanceOfSatisfying(VerificationResult.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.detail()).startsWith("Invalid API key format");
        });
    }
}
