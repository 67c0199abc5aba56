package dev.tokend.server.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.event.KeyValuePair;

/**
 * A {@link PatternLayoutEncoder} whose {@code %msg}, {@code %kvp} and {@code %ex} escape control
 * characters ({@link LogEscaping}), so no value (message, argument, key-value pair, exception
 * message) can start a new log line. Use it wherever a text pattern is configured: in code,
 * {@code new EscapingPatternLayoutEncoder()} instead of {@code new PatternLayoutEncoder()}; in XML,
 * {@code <encoder class="dev.tokend.server.logging.EscapingPatternLayoutEncoder">}. The pattern
 * itself stays as it is. (JSON logs need none of this: Logback's {@code JsonEncoder} escapes
 * control characters in every string it writes.)
 *
 * <p>Stack frames and the line breaks between them are structure and stay as they are; only the
 * exception messages inside a trace are escaped.
 */
public class EscapingPatternLayoutEncoder extends PatternLayoutEncoder {
    @Override
    public void start() {
        super.start(); // the encoder's own start-up, with a plain layout that is replaced below
        PatternLayout escaping = new PatternLayout();
        escaping.setContext(getContext());
        escaping.setPattern(getPattern());
        escaping.setOutputPatternAsHeader(outputPatternAsHeader);
        Map<String, Supplier<DynamicConverter>> converters = escaping.getInstanceConverterMap();
        for (String word : new String[] {"m", "msg", "message"}) {
            converters.put(word, EscapedMessage::new);
        }
        converters.put("kvp", EscapedKeyValuePairs::new);
        for (String word : new String[] {"ex", "exception", "throwable"}) {
            converters.put(word, EscapedThrowable::new);
        }
        escaping.start();
        this.layout = escaping;
    }

    /** {@code %msg}: the formatted message (arguments included), escaped. */
    public static final class EscapedMessage extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return LogEscaping.escape(super.convert(event));
        }
    }

    /** {@code %kvp}: {@code key="value"} pairs, keys and values escaped, quotes in values too. */
    public static final class EscapedKeyValuePairs extends ClassicConverter {
        @Override
        public String convert(ILoggingEvent event) {
            if (event.getKeyValuePairs() == null || event.getKeyValuePairs().isEmpty()) {
                return "";
            }
            StringBuilder out = new StringBuilder();
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(LogEscaping.escape(kv.key)).append("=\"")
                        .append(LogEscaping.escapeQuoted(String.valueOf(kv.value))).append('"');
            }
            return out.toString();
        }
    }

    /** {@code %ex}: the usual stack trace, with every exception message escaped. */
    public static final class EscapedThrowable extends ThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy proxy) {
            return super.throwableProxyToString(new EscapedProxy(proxy));
        }
    }

    /** A throwable proxy whose message (and its causes' and suppressed exceptions') is escaped. */
    private record EscapedProxy(IThrowableProxy delegate) implements IThrowableProxy {
        @Override
        public String getMessage() {
            return LogEscaping.escape(delegate.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return LogEscaping.escape(delegate.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return LogEscaping.escape(delegate.getClassName());
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return delegate.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return delegate.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return delegate.getCause() == null ? null : new EscapedProxy(delegate.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = delegate.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                escaped[i] = new EscapedProxy(suppressed[i]);
            }
            return escaped;
        }

        @Override
        public boolean isCyclic() {
            return delegate.isCyclic();
        }
    }
}
