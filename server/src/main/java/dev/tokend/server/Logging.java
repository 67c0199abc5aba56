package dev.tokend.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Configures logging on standard error in the chosen format and level (no logback.xml needed). */
public final class Logging {
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger HELIDON = java.util.logging.Logger.getLogger("io.helidon");

    private Logging() {}

    public static boolean isLevel(String level) {
        return level != null && LEVELS.contains(level.toLowerCase(Locale.ROOT));
    }

    public static void configure(ServerOptions.LogFormat format, String level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder;
        if (format == ServerOptions.LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            // One flat object per line: time, level, logger, formatted message, key-value pairs, error.
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMDC(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            encoder = json;
        } else {
            PatternLayoutEncoder text = new dev.tokend.server.logging.EscapingPatternLayoutEncoder(); // no forged lines
            text.setContext(context);
            text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg %kvp%n%ex");
            text.start();
            encoder = text;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(console);
        // Third-party chatter only when asked for.
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("io.zonky").setLevel(Level.WARN);
        // Helidon logs through java.util.logging; its start-up chatter duplicates our own lines.
        HELIDON.setLevel(level.equalsIgnoreCase("debug") || level.equalsIgnoreCase("trace")
                ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
    }
}
