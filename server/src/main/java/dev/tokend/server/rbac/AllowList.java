package dev.tokend.server.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * API key allow lists (spec §4.5): which objects a key may touch, as {@code type:id} entries where
 * either part may be {@code *}. Parsing, normalisation, the per-object check of §4.4 step 4c and
 * the coverage test used by the escalation guard (§4.6).
 *
 * <p>Allow lists are handled as lists of {@code "type:id"} strings because that is how they are
 * stored; {@link Entry} gives the {@code {"type", "id"}} JSON shape of the API.
 */
public final class AllowList {

    /** More entries than this are rejected (§4.5). */
    public static final int MAX_ENTRIES = 128;

    /** The unrestricted entry. */
    public static final String ALL = "*:*";

    private static final String WILDCARD = Permission.WILDCARD;

    /**
     * The canonical textual UUID only. {@link java.util.UUID#fromString} is not used because it
     * also accepts short groups such as {@code 1-2-3-4-5}, which would then be stored in a form
     * that never equals an object's id.
     */
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private AllowList() {}

    /**
     * One allow-list entry; its record components give the API's {@code {"type", "id"}} JSON.
     * No validation beyond shape: use {@link AllowList#parse} for client input.
     */
    public record Entry(String type, String id) {
        /** Rejects null or empty parts. */
        public Entry {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
            if (type.isEmpty() || id.isEmpty()) {
                throw new IllegalArgumentException("allow_list entry must include both type and id");
            }
        }

        /**
         * Splits a stored {@code "type:id"} string.
         *
         * @throws IllegalArgumentException unless there is exactly one {@code :} between two
         *     non-empty parts
         */
        public static Entry of(String typeColonId) {
            Objects.requireNonNull(typeColonId, "typeColonId");
            int colon = typeColonId.indexOf(':');
            if (colon <= 0
                    || colon == typeColonId.length() - 1
                    || typeColonId.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException(wantFormat(typeColonId));
            }
            return new Entry(typeColonId.substring(0, colon), typeColonId.substring(colon + 1));
        }

        /** The stored {@code "type:id"} form. */
        public String asString() {
            return type + ":" + id;
        }

        /**
         * Whether this entry admits everything {@code inner} admits: part-wise, {@code *} covers
         * anything and a concrete value only itself (so {@code *:<id>} covers {@code <t>:<id>},
         * and an inner wildcard needs an outer wildcard in the same place).
         */
        boolean covers(Entry inner) {
            return covers(inner.type, inner.id);
        }

        boolean covers(String innerType, String innerId) {
            return partCovers(type, innerType) && partCovers(id, innerId);
        }

        private static boolean partCovers(String outer, String inner) {
            return WILDCARD.equals(outer) || outer.equals(inner);
        }
    }

    /**
     * Validates and normalises a client's allow list (§4.5). Each element is a JSON string
     * {@code "type:id"} or an object {@code {"type": ..., "id": ...}}; both parts are trimmed and
     * lower-cased. The result is sorted by type then id, without duplicates; {@code *:*} absorbs
     * everything and {@code <type>:*} absorbs that type's ids. Null or empty means
     * {@code ["*:*"]}.
     *
     * @throws IllegalArgumentException with the wire-visible §4.5 message for the first bad entry
     */
    public static List<String> parse(List<JsonNode> raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of(ALL);
        }
        if (raw.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(
                    "allow_list has " + raw.size() + " entries; max allowed is " + MAX_ENTRIES);
        }
        TreeSet<Entry> entries =
                new TreeSet<>(Comparator.comparing(Entry::type).thenComparing(Entry::id));
        for (JsonNode node : raw) {
            entries.add(parseElement(node));
        }
        return normalise(entries);
    }

    /**
     * Whether an allow list admits the object {@code type}/{@code id} (§4.4 step 4c): an entry
     * {@code *:*}, {@code <type>:*}, {@code <type>:<id>} or {@code *:<id>} matches. An empty or
     * null list admits nothing (fail closed, §4.4 step 3). Type and id are compared
     * case-insensitively because stored entries are lower case. An empty {@code id} (a check
     * against "any object of this type") is admitted only by an entry whose id is {@code *}.
     */
    public static boolean permits(List<String> allowList, String type, String id) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (allowList == null) {
            return false;
        }
        String objectType = lower(type);
        String objectId = lower(id);
        return allowList.stream().map(Entry::of).anyMatch(e -> e.covers(objectType, objectId));
    }

    /**
     * Whether every entry of {@code inner} lies within some entry of {@code outer} (§4.6
     * escalation guard): {@code *:*} covers all; {@code t:*} covers {@code t:*} and
     * {@code t:<id>}; {@code *:<id>} covers any {@code <type>:<id>} with that id; {@code t:id}
     * covers only itself.
     *
     * <p>To fail closed, {@code inner} is read as {@link #parse} would (null or empty means
     * {@code *:*}) and {@code outer} literally (empty covers nothing).
     */
    public static boolean covers(List<String> outer, List<String> inner) {
        Objects.requireNonNull(outer, "outer");
        List<Entry> outerEntries = outer.stream().map(Entry::of).toList();
        Collection<String> wanted = inner == null || inner.isEmpty() ? List.of(ALL) : inner;
        return wanted.stream()
                .map(Entry::of)
                .allMatch(in -> outerEntries.stream().anyMatch(out -> out.covers(in)));
    }

    /** The API's {@code [{"type", "id"}]} projection of a stored list. */
    public static List<Entry> entries(List<String> allowList) {
        Objects.requireNonNull(allowList, "allowList");
        return allowList.stream().map(Entry::of).toList();
    }

    private static Entry parseElement(JsonNode node) {
        if (node != null && node.isTextual()) {
            return parseString(node.textValue());
        }
        if (node != null && node.isObject()) {
            JsonNode type = node.get("type");
            JsonNode id = node.get("id");
            // Non-string parts are treated as missing: a number is never a type or a UUID.
            if (type == null || id == null || !type.isTextual() || !id.isTextual()) {
                throw new IllegalArgumentException(
                        "allow_list entry must include both type and id");
            }
            return validate(type.textValue(), id.textValue());
        }
        // null, numbers, booleans, arrays: report the JSON as the string form's message does.
        throw new IllegalArgumentException(wantFormat(String.valueOf(node)));
    }

    private static Entry parseString(String raw) {
        int colon = raw.indexOf(':');
        if (colon < 0 || raw.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException(wantFormat(raw));
        }
        String type = raw.substring(0, colon);
        String id = raw.substring(colon + 1);
        if (type.isBlank() || id.isBlank()) {
            throw new IllegalArgumentException(wantFormat(raw));
        }
        return validate(type, id);
    }

    private static Entry validate(String rawType, String rawId) {
        String type = lower(rawType.trim());
        String id = lower(rawId.trim());
        if (type.isEmpty() || id.isEmpty()) {
            throw new IllegalArgumentException("allow_list entry must include both type and id");
        }
        if (!WILDCARD.equals(type) && !Scopes.resourceTypes().contains(type)) {
            throw new IllegalArgumentException("unknown resource type \"" + type + "\"");
        }
        if (!WILDCARD.equals(id) && !UUID_TEXT.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "invalid " + type + " ID (must be UUID): \"" + id + "\"");
        }
        return new Entry(type, id);
    }

    /** §4.5 normalisation over an already sorted, duplicate-free set. */
    private static List<String> normalise(TreeSet<Entry> entries) {
        if (entries.contains(new Entry(WILDCARD, WILDCARD))) {
            return List.of(ALL);
        }
        Set<String> wildcardTypes =
                entries.stream()
                        .filter(e -> WILDCARD.equals(e.id()))
                        .map(Entry::type)
                        .collect(Collectors.toSet());
        return entries.stream()
                .filter(e -> WILDCARD.equals(e.id()) || !wildcardTypes.contains(e.type()))
                .map(Entry::asString)
                .toList();
    }

    private static String wantFormat(String raw) {
        return "invalid allow_list entry \"" + raw + "\": want <type>:<id>";
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
