package dev.tokend.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EscapingPatternLayoutEncoderTest {
    /** The production text pattern (Logging.configure). */
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg %kvp%n%ex";

    private static final LoggerContext CONTEXT = new LoggerContext();

    private static String format(Encoder<ILoggingEvent> encoder, ILoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private static EscapingPatternLayoutEncoder text() {
        EscapingPatternLayoutEncoder encoder = new EscapingPatternLayoutEncoder();
        encoder.setContext(CONTEXT);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    private static LoggingEvent event(String message, Object[] args, Throwable thrown) {
        Logger logger = CONTEXT.getLogger("dev.tokend.server.http.RequestLogFilter");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, thrown, args);
        return event;
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r", "\r\n", "\u000b", "\u000c", "\u0085", "\u2028", "\u2029", "\u0000", "\u001b"})
    void argumentWithALineBreakOrControlCannotForgeALine(String control) {
        String forged = "evil" + control + "2026-01-01T00:00:00.000Z INFO  RequestLogFilter: request status=\"200\"";
        String line = format(text(), event("token {} created", new Object[] {forged}, null));
        assertThat(line).endsWith(System.lineSeparator());
        String body = line.substring(0, line.length() - System.lineSeparator().length());
        assertThat(body).doesNotContain("\n", "\r", "\u000b", "\u000c", "\u0085", "\u2028", "\u2029", "\u0000", "\u001b");
        assertThat(body).contains("token evil\\");
    }

    @Test
    void newlineTabAndBackslashUseShortEscapes() {
        String line = format(text(), event("{}", new Object[] {"a\nb\tc\\d\re"}, null));
        assertThat(line).contains("a\\nb\\tc\\\\d\\re");
    }

    @Test
    void keyValuePairsAreEscapedAndQuotesInValuesCannotAddAField() {
        LoggingEvent event = event("request", null, null);
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("route", "/x\" user_id=\"forged\nnext"));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("status", 200));
        String line = format(text(), event);
        assertThat(line).contains("route=\"/x\\\" user_id=\\\"forged\\nnext\" status=\"200\"");
        assertThat(line.strip()).doesNotContain("\n");
    }

    @Test
    void exceptionMessagesAreEscapedButTheTraceKeepsItsLines() {
        IllegalStateException thrown = new IllegalStateException("bad\nFORGED line",
                new RuntimeException("cause\r\nFORGED too"));
        String text = format(text(), event("failed", null, thrown));
        assertThat(text).contains("java.lang.IllegalStateException: bad\\nFORGED line");
        assertThat(text).contains("Caused by: java.lang.RuntimeException: cause\\r\\nFORGED too");
        assertThat(text.lines()).noneMatch(l -> l.startsWith("FORGED"));
        assertThat(text.lines().filter(l -> l.startsWith("\tat ")).count()).isGreaterThan(1);
    }

    @Test
    void printableTextIsUnchanged() {
        String line = format(text(), event("user {} signed in from {}", new Object[] {"ünïcödé \"quoted\"", "203.0.113.7"},
                null));
        assertThat(line).contains("user ünïcödé \"quoted\" signed in from 203.0.113.7");
    }

    /** The JSON format already escapes: a value with a newline stays inside one JSON line. */
    @Test
    void jsonLogsAlreadyEscapeControlCharacters() throws Exception {
        JsonEncoder json = new JsonEncoder();
        json.setContext(CONTEXT);
        // As Logging.configure sets it up for --log-format json.
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMDC(false);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        json.start();
        String line = format(json, event("token {}", new Object[] {"a\nb\u2028c\u0000d"}, null));
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("\u0000");
        JsonNode node = new ObjectMapper().readTree(line);
        assertThat(node.path("formattedMessage").asText()).isEqualTo("token a\nb\u2028c\u0000d");
    }

    @Test
    void escapeLeavesNullAndPlainValuesAlone() {
        assertThat(LogEscaping.escape(null)).isNull();
        assertThat(LogEscaping.escape("plain")).isSameAs("plain");
        assertThat(List.of(LogEscaping.escapeQuoted("a\"b"), LogEscaping.escapeQuoted(null))).containsExactly("a\\\"b", "null");
    }
}
