package dev.tokend.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.locator.SqlLocator;

/**
 * Finds the SQL of a SqlObject method in the named query files under {@code db/queries/}, in the
 * style of the reference's sqlc files: each statement is preceded by {@code -- name: <methodName>}.
 * All files are parsed once at start-up; a method without a query fails at start-up, not at call.
 */
public final class NamedQueries implements SqlLocator {
    private static final String DIRECTORY = "dev/tokend/server/db/queries/";
    /** Every query file; listed explicitly because a classpath directory cannot be listed portably from a jar. */
    static final List<String> FILES = List.of("users.sql", "organizations.sql", "apikeys.sql", "siteconfig.sql", "audit.sql",
            "schema.sql", "userlinks.sql", "oauth2.sql");

    private final Map<String, String> queries;

    private NamedQueries(Map<String, String> queries) {
        this.queries = Map.copyOf(queries);
    }

    /** Loads and parses every query file. */
    public static NamedQueries load() {
        Map<String, String> all = new HashMap<>();
        for (String file : FILES) {
            String text = read(DIRECTORY + file);
            parse(file, text, all);
        }
        return new NamedQueries(all);
    }

    static void parse(String file, String text, Map<String, String> into) {
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("-- name:")) {
                put(file, name, sql, into);
                name = trimmed.substring("-- name:".length()).strip();
                sql.setLength(0);
            } else if (name != null && !trimmed.startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        put(file, name, sql, into);
    }

    private static void put(String file, String name, StringBuilder sql, Map<String, String> into) {
        if (name == null) {
            return;
        }
        String statement = sql.toString().strip();
        if (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1);
        }
        if (statement.isEmpty()) {
            throw new IllegalStateException("query " + name + " in " + file + " is empty");
        }
        if (into.putIfAbsent(name, statement) != null) {
            throw new IllegalStateException("query " + name + " is defined twice (" + file + ")");
        }
    }

    /** The SQL of query {@code name}. */
    public String get(String name) {
        String sql = queries.get(name);
        if (sql == null) {
            throw new IllegalStateException("no query named " + name + " in " + DIRECTORY + FILES);
        }
        return sql;
    }

    /** Fails unless every SqlObject method of {@code dao} has a query. */
    public void verify(Class<?> dao) {
        for (Method m : dao.getDeclaredMethods()) {
            if (!m.isDefault() && !m.isSynthetic() && !java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                get(m.getName());
            }
        }
    }

    @Override
    public String locate(Class<?> sqlObjectType, Method method, ConfigRegistry config) {
        return get(method.getName());
    }

    private static String read(String resource) {
        try (InputStream in = NamedQueries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing query file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
