package dev.tokend.server.db;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Column readers shared by the hand-written row mappers. */
public final class Rows {
    private Rows() {}

    /**
     * A timestamptz column as an {@link Instant}. Read through {@link OffsetDateTime} because
     * {@code java.sql.Timestamp} shifts dates before 1582 (the reference's "zero" time is year 1).
     */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A text[] column as an immutable list (empty for NULL). */
    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            return List.copyOf(Arrays.asList((String[]) array.getArray()));
        } finally {
            array.free();
        }
    }
}
