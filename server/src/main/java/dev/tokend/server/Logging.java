package dev.tokend.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tokend.sdk.TokendJson;
import java.net.URI;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures logging on standard error in the chosen format and level (no logback.xml needed),
 * for tokend's own loggers and for java.util.logging, which Helidon uses: JUL records go through
 * the jul-to-slf4j bridge, so every line on standard error has one format.
 */
public final class Logging {
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    /** Log lines queued for standard error at most. */
    private static final int ASYNC_QUEUE = 8192;

    private Logging() {}

    public static boolean isLevel(String level) {
        return level != null && LEVELS.contains(level.toLowerCase(Locale.ROOT));
    }

    /** Call before anything logs through java.util.logging (before the web server starts). */
    public static void configure(ServerOptions.LogFormat format, String level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        // Mirrors logback's levels onto the JUL loggers, so that JUL does not build records that the
        // bridge would drop (JUL's default handler would otherwise also print them in its own format).
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        propagator.start();
        context.addListener(propagator);
        // JUL's root has a ConsoleHandler writing its own two-line format; the bridge replaces it.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

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
        // Requests never wait for standard error (issue 10): lines go through a queue to one writer
        // thread. When the queue is nearly full, info and below are dropped (and counted by logback's
        // status); warnings and errors are never dropped: they wait for room instead.
        ch.qos.logback.classic.AsyncAppender async = new ch.qos.logback.classic.AsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.setQueueSize(ASYNC_QUEUE);
        async.setDiscardingThreshold(ASYNC_QUEUE / 5);
        async.setNeverBlock(false);
        async.setIncludeCallerData(false);
        async.setMaxFlushTime(2_000); // on stop, what is queued is written first
        async.addAppender(console);
        async.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(async);
        // Third-party chatter only when asked for.
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        // At debug, the library's info lines time initdb and the server's start ("initdb completed in").
        context.getLogger("io.zonky").setLevel(verbose(level) ? Level.INFO : Level.WARN);
        // Never below info, whatever --log-level says: pgjdbc's debug output ("Connecting with URL: ...")
        // quotes a JDBC URL with its password= parameter. Issue 9, hole 11; JsonLogLinesTest checks it.
        context.getLogger("org.postgresql").setLevel(Level.INFO);
        // Helidon's start-up chatter duplicates our own lines; at debug and trace, its info is shown.
        context.getLogger("io.helidon").setLevel(verbose(level) ? Level.INFO : Level.WARN);
    }

    /** Stops logging: every queued line is written first (bounded). Call last, when the server has stopped. */
    public static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    private static boolean verbose(String level) {
        return level.equalsIgnoreCase("debug") || level.equalsIgnoreCase("trace");
    }

    /**
     * The line {@code tokend server} prints on standard output once it serves: plain text, or with
     * {@code --log-format json} one JSON object with the fields of a log line, so that both
     * streams can be parsed as JSON lines.
     * NOTE: scripts wait for "tokend is serving on"; the JSON form carries it as its message.
     */
    public static String servingLine(ServerOptions.LogFormat format, URI url, InstantSource clock) {
        String message = "tokend is serving on " + url;
        if (format != ServerOptions.LogFormat.JSON) {
            return message;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", clock.millis());
        line.put("level", "INFO");
        line.put("threadName", Thread.currentThread().getName());
        line.put("loggerName", "dev.tokend.cli.ServerCommand");
        line.put("formattedMessage", message);
        line.put("url", url.toString());
        try {
            return TokendJson.mapper().writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the start-up line", e);
        }
    }
}
