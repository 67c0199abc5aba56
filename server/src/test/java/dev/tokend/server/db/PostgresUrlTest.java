package dev.tokend.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    /** Issue 9, hole 11: URLDecoder turned {@code a+b} into {@code a b}, so the login failed. */
    @Test
    void plusInPasswordStaysAPlusNotASpace() {
        PostgresUrl url = PostgresUrl.parse("postgres://tokend:a+b%2Bc@db.example.com:5432/tokend");
        assertThat(url.password()).isEqualTo("a+b+c");
        assertThat(url.user()).isEqualTo("tokend");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/tokend");
    }

    @Test
    void percentEncodedCharactersInUserAndPasswordAreDecoded() {
        PostgresUrl url = PostgresUrl.parse("postgresql://us%40er:p%3As%2Fw%20rd@localhost/db?sslmode=disable");
        assertThat(url.user()).isEqualTo("us@er");
        assertThat(url.password()).isEqualTo("p:s/w rd");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/db?sslmode=disable");
    }

    @Test
    void toStringNeverShowsThePasswordInEitherForm() {
        assertThat(PostgresUrl.parse("postgres://tokend:hunter2@localhost/db").toString())
                .doesNotContain("hunter2").contains("user=tokend");
        assertThat(PostgresUrl.parse("jdbc:postgresql://localhost/db?user=tokend&password=hunter2&ssl=true").toString())
                .doesNotContain("hunter2").contains("ssl=true");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "postgres://tokend:hunter2@localhost:5432/db           | postgres://tokend:REDACTED@localhost:5432/db",
        "postgresql://tokend:hun@ter2@localhost/db             | postgresql://tokend:REDACTED@localhost/db",
        "postgres://tokend:a+b@localhost/db?sslmode=disable    | postgres://tokend:REDACTED@localhost/db?sslmode=disable",
        "postgres://tokend@localhost/db                        | postgres://tokend@localhost/db",
        "postgres://localhost:5432/db                          | postgres://localhost:5432/db",
        "jdbc:postgresql://localhost:5432/db?user=u&password=hunter2       | jdbc:postgresql://localhost:5432/db?user=u&password=REDACTED",
        "jdbc:postgresql://localhost/db?PASSWORD=hunter2&sslmode=require   | jdbc:postgresql://localhost/db?PASSWORD=REDACTED&sslmode=require",
        "jdbc:postgresql://localhost/db?user=u                             | jdbc:postgresql://localhost/db?user=u",
    })
    void redactHidesEveryPasswordAndKeepsTheRest(String url, String redacted) {
        assertThat(PostgresUrl.redact(url)).isEqualTo(redacted);
    }

    @Test
    void redactLeavesTheEmptyUrlOfTheEmbeddedDatabaseAlone() {
        assertThat(PostgresUrl.redact("")).isEmpty();
    }
}
