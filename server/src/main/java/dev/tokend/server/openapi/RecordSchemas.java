package dev.tokend.server.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokend.sdk.TokendJson;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * JSON Schemas derived from Java record types by reflection over their components, so the
 * document cannot drift from the records the API serialises. Names come from the same Jackson
 * naming the wire uses ({@link TokendJson}: snake_case) unless {@code @JsonProperty} says
 * otherwise; nested records become {@code $ref}s into {@code components/schemas}, collected here.
 *
 * <p>Type mapping: String → string; UUID → string/uuid; Instant → string/date-time; boolean →
 * boolean; int → integer/int32; long (also durations in nanoseconds) → integer/int64; List/Set →
 * array; Map → object with {@code additionalProperties}; Object → any value; record → $ref.
 */
public final class RecordSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PropertyNamingStrategies.NamingBase naming = namingOfTheWire();
    private final Map<String, ObjectNode> components = new TreeMap<>();

    /** The schemas referenced so far, by component name. */
    public Map<String, ObjectNode> components() {
        return components;
    }

    /**
     * The component name of a record: its simple name, prefixed by its enclosing classes' names
     * for nested records ({@code AuthMethods.Password}).
     */
    public static String componentName(Class<?> type) {
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null ? type.getSimpleName() : componentName(enclosing) + "." + type.getSimpleName();
    }

    /** The JSON property name of a record component on the wire. */
    public String propertyName(RecordComponent component) {
        JsonProperty explicit = component.getAccessor().getAnnotation(JsonProperty.class);
        if (explicit != null && !explicit.value().isEmpty()) {
            return explicit.value();
        }
        return naming.translate(component.getName());
    }

    /** The schema of {@code type}: a {@code $ref} for records (registering the component), inline otherwise. */
    public ObjectNode schemaOf(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return JSON.objectNode().put("type", "array").set("items", schemaOf(args[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return mapOf(args[1]);
            }
            return schemaOf(raw);
        }
        if (type instanceof WildcardType w) {
            return schemaOf(w.getUpperBounds()[0]);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return JSON.objectNode().put("type", "string");
        }
        if (c == UUID.class) {
            return JSON.objectNode().put("type", "string").put("format", "uuid");
        }
        if (c == Instant.class) {
            return JSON.objectNode().put("type", "string").put("format", "date-time");
        }
        if (c == boolean.class || c == Boolean.class) {
            return JSON.objectNode().put("type", "boolean");
        }
        if (c == int.class || c == Integer.class) {
            return JSON.objectNode().put("type", "integer").put("format", "int32");
        }
        if (c == long.class || c == Long.class) {
            return JSON.objectNode().put("type", "integer").put("format", "int64");
        }
        if (c == Object.class) {
            return JSON.objectNode(); // any JSON value
        }
        if (c.isRecord()) {
            return ref(c);
        }
        if (Map.class.isAssignableFrom(c)) {
            return mapOf(Object.class);
        }
        throw new IllegalArgumentException("no schema mapping for " + c.getName()
                + " (add one to RecordSchemas, or use a record)");
    }

    /** An object whose values, under any names, are {@code valueType}. */
    public ObjectNode mapOf(Type valueType) {
        ObjectNode values = schemaOf(valueType);
        return JSON.objectNode().put("type", "object").set("additionalProperties", values.isEmpty()
                ? JSON.booleanNode(true) : values);
    }

    private ObjectNode ref(Class<?> record) {
        String name = componentName(record);
        if (!components.containsKey(name)) {
            ObjectNode schema = JSON.objectNode().put("type", "object");
            components.put(name, schema); // before the components: records may refer to themselves
            ObjectNode properties = schema.putObject("properties");
            for (RecordComponent component : record.getRecordComponents()) {
                properties.set(propertyName(component), schemaOf(component.getGenericType()));
            }
        }
        return JSON.objectNode().put("$ref", "#/components/schemas/" + name);
    }

    private static PropertyNamingStrategies.NamingBase namingOfTheWire() {
        PropertyNamingStrategy strategy = TokendJson.mapper().getSerializationConfig().getPropertyNamingStrategy();
        if (strategy instanceof PropertyNamingStrategies.NamingBase base) {
            return base;
        }
        throw new IllegalStateException("TokendJson's naming strategy is not a NamingBase: " + strategy);
    }
}
