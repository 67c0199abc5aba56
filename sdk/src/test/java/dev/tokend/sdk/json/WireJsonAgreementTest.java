package dev.tokend.sdk.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokend.sdk.TokendJson;
import dev.tokend.sdk.model.User;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record of {@code dev.tokend.sdk.model} (found by listing the package, so a new record
 * without a codec fails here) written and read by its codec and by {@link TokendJson#mapper()},
 * which the server uses, in three fillings: every component set, every component null (or 0, false),
 * every component empty (empty strings, lists and maps). Both directions are checked for requests
 * and answers alike: the SDK sends requests the server reads with databind, and the CLI prints
 * answers it read with the codecs.
 */
class WireJsonAgreementTest {
    private static final ObjectMapper DATABIND = TokendJson.mapper();

    enum Filling { FULL, NULLS, EMPTY }

    static Stream<Arguments> records() throws IOException, URISyntaxException {
        return modelRecords().stream()
                .flatMap(type -> Stream.of(Filling.values()).map(filling -> Arguments.of(type, filling)));
    }

    @Test
    void everyModelRecordHasACodec() throws IOException, URISyntaxException {
        List<Class<?>> records = modelRecords();

        assertThat(records).hasSizeGreaterThan(30).contains(User.class);
        assertThat(Codecs.BY_RECORD.keySet()).containsExactlyInAnyOrderElementsOf(records);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("records")
    <T> void codecAndDatabindWriteTheSameJsonAndReadEachOther(Class<T> type, Filling filling) throws IOException {
        T value = new Filler(filling).record(type);
        Codecs<T> codecs = Codecs.of(type);

        byte[] databindJson = DATABIND.writeValueAsBytes(value);
        byte[] codecJson = WireJson.encode(value, codecs.encoder());
        // What the wire keeps of the value: an empty field that the record leaves out (NON_EMPTY) comes back null.
        T databindRoundTrip = DATABIND.readValue(databindJson, type);

        assertThat(DATABIND.readTree(codecJson)).isEqualTo(DATABIND.readTree(databindJson));
        // Stricter than equal trees: the same fields in the same order, as the CLI's -o json output must be.
        assertThat(new String(codecJson, StandardCharsets.UTF_8))
                .isEqualTo(new String(databindJson, StandardCharsets.UTF_8));
        assertThat(WireJson.decode(databindJson, codecs.decoder())).isEqualTo(databindRoundTrip);
        assertThat(DATABIND.readValue(codecJson, type)).isEqualTo(databindRoundTrip);
        assertThat(WireJson.decode(codecJson, codecs.decoder())).isEqualTo(databindRoundTrip);
        if (filling != Filling.EMPTY) {
            assertThat(databindRoundTrip).isEqualTo(value);
        }
    }

    /** The records of the model package, nested ones included, from its directory of class files. */
    private static List<Class<?>> modelRecords() throws IOException, URISyntaxException {
        Path directory = Path.of(User.class.getResource("").toURI());
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class")) {
                    continue;
                }
                Class<?> type = load(User.class.getPackageName() + "." + name.substring(0, name.length() - 6));
                if (type.isRecord()) {
                    records.add(type);
                }
            }
        }
        return records;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Builds a record with each component filled by its type; every value of a FULL filling differs. */
    private static final class Filler {
        private final Filling filling;
        private int serial;

        Filler(Filling filling) {
            this.filling = filling;
        }

        <T> T record(Class<T> type) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = value(components[i].getGenericType());
            }
            try {
                Constructor<T> canonical = type.getDeclaredConstructor(types);
                return canonical.newInstance(values);
            } catch (InvocationTargetException e) {
                if (filling == Filling.NULLS && e.getCause() instanceof NullPointerException) {
                    // A record that refuses nulls (AllowListTarget): its null filling is the empty one.
                    return new Filler(Filling.EMPTY).record(type);
                }
                throw new AssertionError(e);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }

        private Object value(Type type) {
            int n = ++serial;
            if (type instanceof ParameterizedType generic) {
                Type[] arguments = generic.getActualTypeArguments();
                if (generic.getRawType() == List.class) {
                    return filling == Filling.NULLS ? null
                            : filling == Filling.EMPTY ? List.of() : List.of(value(arguments[0]), value(arguments[0]));
                }
                if (generic.getRawType() == Map.class) {
                    if (filling != Filling.FULL) {
                        return filling == Filling.NULLS ? null : Map.of();
                    }
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("first-" + n, value(arguments[1]));
                    map.put("second-" + n, value(arguments[1]));
                    return map;
                }
                throw new AssertionError("no filling for " + type);
            }
            Class<?> raw = (Class<?>) type;
            if (raw == boolean.class) {
                return filling == Filling.FULL;
            }
            if (raw == int.class) {
                return filling == Filling.FULL ? Integer.MAX_VALUE - n : 0;
            }
            if (raw == long.class) {
                return filling == Filling.FULL ? Long.MAX_VALUE - n : 0L;
            }
            if (filling == Filling.NULLS) {
                return null;
            }
            boolean full = filling == Filling.FULL;
            if (raw == String.class) {
                // Quotes, escapes, a NUL, non-ASCII and a character outside the BMP: all data.
                return full ? "text " + n + " \"quoted\" back\\slash\nline\u0000nul é 😀 </script>" : "";
            }
            if (raw == Boolean.class) {
                return full;
            }
            if (raw == Long.class) {
                return full ? Long.MIN_VALUE + n : 0L;
            }
            if (raw == UUID.class) {
                return full ? new UUID(0x1234_5678_9abc_def0L * n, -n) : new UUID(0, 0);
            }
            if (raw == Instant.class) {
                // Whole seconds, milliseconds and nanoseconds: ISO_INSTANT writes each differently.
                long nanos = switch (n % 3) {
                    case 0 -> 0;
                    case 1 -> 120_000_000;
                    default -> 123_456_789;
                };
                return full ? Instant.ofEpochSecond(1_767_225_600L + n, nanos) : Instant.EPOCH;
            }
            if (raw == Object.class) {
                return full ? untyped(n) : "";
            }
            if (raw.isRecord()) {
                return record(raw);
            }
            throw new AssertionError("no filling for " + type);
        }

        /** Each kind of plain JSON value, as the Java type databind reads it into for {@code Object}. */
        private static Map<String, Object> untyped(int n) {
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("string", "value " + n);
            nested.put("int", n);
            nested.put("long", 1L << 40);
            nested.put("big", BigInteger.TWO.pow(70));
            nested.put("double", 0.1 * n);
            nested.put("boolean", false);
            nested.put("null", null);
            List<Object> list = new ArrayList<>();
            list.add(-n);
            list.add(null);
            list.add(List.of("a", true));
            nested.put("list", list);
            nested.put("object", Map.of("key", "value"));
            return nested;
        }
    }
}
