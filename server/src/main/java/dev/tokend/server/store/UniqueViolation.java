package dev.tokend.server.store;

import java.sql.SQLException;

/** Recognises PostgreSQL's unique_violation (SQLSTATE 23505) anywhere in a cause chain. */
public final class UniqueViolation {
    private UniqueViolation() {}

    public static boolean is(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
