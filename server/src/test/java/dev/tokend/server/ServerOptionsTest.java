package dev.tokend.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    /** Issue 9, hole 11: the record's generated toString() printed the PostgreSQL password. */
    @Test
    void toStringRedactsThePostgresPassword() {
        ServerOptions options = ServerOptions.defaults()
                .withPostgresUrl("postgres://tokend:s3cr3t+pw@db.example.com:5432/tokend?sslmode=disable");
        assertThat(options.toString())
                .doesNotContain("s3cr3t")
                .contains("postgresUrl=postgres://tokend:REDACTED@db.example.com:5432/tokend?sslmode=disable");
    }

    @Test
    void toStringRedactsAPasswordGivenAsJdbcQueryParameter() {
        ServerOptions options = ServerOptions.defaults()
                .withPostgresUrl("jdbc:postgresql://127.0.0.1:5432/tokend?user=tokend&password=s3cr3t");
        assertThat(options.toString()).doesNotContain("s3cr3t").contains("password=REDACTED");
    }

    /** Every option is still printed, so the redaction hides nothing else. */
    @Test
    void toStringNamesEveryComponent() {
        String printed = ServerOptions.defaults().toString();
        Arrays.stream(ServerOptions.class.getRecordComponents())
                .forEach(component -> assertThat(printed).contains(component.getName() + "="));
    }
}
