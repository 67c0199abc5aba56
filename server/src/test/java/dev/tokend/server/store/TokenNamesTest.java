package dev.tokend.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenNamesTest {

    @Test
    void wordListsWhenInspectedThenAbout50LowerCaseAsciiWordsWithoutDuplicates() {
        for (List<String> words : List.of(TokenNames.ADJECTIVES, TokenNames.SURNAMES)) {
            assertThat(words).hasSizeGreaterThanOrEqualTo(50).doesNotHaveDuplicates();
            assertThat(words).allMatch(w -> w.matches("[a-z]+"));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 42, 20251001})
    void randomWhenDrawnThenAdjectiveUnderscoreSurname(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            String name = TokenNames.random(rng);
            String[] parts = name.split("_");
            assertThat(parts).hasSize(2);
            assertThat(TokenNames.ADJECTIVES).contains(parts[0]);
            assertThat(TokenNames.SURNAMES).contains(parts[1]);
        }
    }

    @Test
    void randomWhenSameSeedThenSameSequence() {
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        for (int i = 0; i < 20; i++) {
            assertThat(TokenNames.random(a)).isEqualTo(TokenNames.random(b));
        }
    }

    @Test
    void randomWhenManyDrawnThenVaried() {
        SplittableRandom rng = new SplittableRandom(3);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            names.add(TokenNames.random(rng));
        }
        assertThat(names).hasSizeGreaterThan(400);
    }

    @Test
    void uniqueWhenNothingTakenThenFirstRandomName() {
        String expected = TokenNames.random(new SplittableRandom(11));
        assertThat(TokenNames.unique(new SplittableRandom(11), n -> false)).isEqualTo(expected);
    }

    @Test
    void uniqueWhenSomeTakenThenSkipsThem() {
        SplittableRandom probe = new SplittableRandom(5);
        Set<String> taken = Set.of(TokenNames.random(probe), TokenNames.random(probe));
        String name = TokenNames.unique(new SplittableRandom(5), taken::contains);
        assertThat(taken).doesNotContain(name);
        assertThat(name).matches("[a-z]+_[a-z]+");
    }

    @Test
    void uniqueWhenEveryPlainNameTakenThenNumericSuffix() {
        AtomicInteger asked = new AtomicInteger();
        String name =
                TokenNames.unique(
                        new SplittableRandom(9),
                        n -> {
                            asked.incrementAndGet();
                            return !n.matches(".*_[0-9]+");
                        });
        assertThat(name).matches("[a-z]+_[a-z]+_[0-9]+");
        assertThat(asked.get()).isEqualTo(TokenNames.PLAIN_ATTEMPTS + 1);
    }

    @Test
    void uniqueWhenSuffixesCollideTooThenKeepsTryingUntilFree() {
        AtomicInteger asked = new AtomicInteger();
        String name =
                TokenNames.unique(new SplittableRandom(13), n -> asked.incrementAndGet() <= 75);
        assertThat(name).matches("[a-z]+_[a-z]+_[0-9]+");
        assertThat(asked.get()).isEqualTo(76);
    }

    @Test
    void uniqueWhenEverythingTakenThenFailsInsteadOfLoopingForever() {
        assertThatThrownBy(() -> TokenNames.unique(new SplittableRandom(1), n -> true))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ci", "deploy-bot", "brave_hopper_42", "Name With Spaces", "ünïcödé 🔑", "a.b:c/d"})
    void problemWhenNameIsPrintableAndShortThenNone(String name) {
        assertThat(TokenNames.problem(name)).isEmpty();
    }

    @Test
    void problemWhenNameIsEmptyOrNullThenNoneBecauseTheServerGeneratesOne() {
        assertThat(TokenNames.problem("")).isEmpty();
        assertThat(TokenNames.problem(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nforged", "a\rb", "tab\tname", "esc\u001b[31m", "del\u007f",
            "c1\u0085", "ls\u2028", "ps\u2029"})
    void problemWhenNameHasAControlCharacterThenRefused(String name) {
        assertThat(TokenNames.problem(name)).hasValue("Token name must not contain control characters.");
    }

    @Test
    void problemWhenNameIsLongerThanTheMaximumThenRefused() {
        assertThat(TokenNames.problem("n".repeat(TokenNames.MAX_LENGTH))).isEmpty();
        assertThat(TokenNames.problem("n".repeat(TokenNames.MAX_LENGTH + 1)))
                .hasValue("Token name must be at most 128 characters.");
        assertThat(TokenNames.problem("n".repeat(2_800))).isPresent();
        // Characters, not UTF-16 units: 128 emoji fit.
        assertThat(TokenNames.problem("🔑".repeat(TokenNames.MAX_LENGTH))).isEmpty();
    }
}
