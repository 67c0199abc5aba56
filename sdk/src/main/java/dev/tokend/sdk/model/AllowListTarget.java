package dev.tokend.sdk.model;

import java.util.Objects;

/**
 * One allow-list entry: a resource type and id, either of which may be {@code *}
 * (e.g. {@code workspace:*} or {@code *:*}). On the wire the API shows {@code {"type", "id"}};
 * requests may also use the string form {@code "<type>:<id>"}.
 */
public record AllowListTarget(String type, String id) {
    public AllowListTarget {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** Parses {@code "<type>:<id>"} (no validation beyond the shape; the server validates). */
    public static AllowListTarget parse(String entry) {
        int colon = entry.indexOf(':');
        if (colon <= 0 || colon == entry.length() - 1 || entry.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("invalid allow_list entry \"" + entry + "\": want <type>:<id>");
        }
        return new AllowListTarget(entry.substring(0, colon), entry.substring(colon + 1));
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
