package dev.tokend.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * An aligned text table: upper-case headers, columns padded to their widest cell and separated by
 * two spaces, no trailing blanks. The user picks columns by name with {@code -c/--column}.
 */
final class Table<T> {
    private final Map<String, Column<T>> columns = new LinkedHashMap<>();

    /** One column: the name users select it by and how a row becomes its cell. */
    record Column<T>(String name, Function<T, String> cell) {
        Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(cell, "cell");
        }
    }

    @SafeVarargs
    Table(Column<T>... all) {
        for (Column<T> column : all) {
            columns.put(column.name(), column);
        }
    }

    /** Every column name, in display order. */
    List<String> names() {
        return List.copyOf(columns.keySet());
    }

    /**
     * The columns named in {@code requested} (in that order; {@code last_used}, {@code last-used}
     * and {@code LAST USED} all mean {@code last used}), or {@code defaults} when none are requested.
     *
     * @throws ParameterException (a usage error) naming the unknown column and the valid ones
     */
    List<Column<T>> select(CommandLine command, List<String> requested, List<String> defaults) {
        List<String> names = requested == null || requested.isEmpty() ? defaults : requested;
        List<Column<T>> selected = new ArrayList<>();
        for (String name : names) {
            String key = name.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
            Column<T> column = columns.get(key);
            if (column == null) {
                throw new ParameterException(command, "Unknown column \"" + name + "\"; choose from "
                        + String.join(", ", columns.keySet()));
            }
            selected.add(column);
        }
        return selected;
    }

    /** Prints {@code rows} under {@code selected}. */
    void print(PrintWriter out, List<Column<T>> selected, List<T> rows) {
        List<String[]> lines = new ArrayList<>(rows.size() + 1);
        lines.add(selected.stream().map(c -> c.name().toUpperCase(Locale.ROOT)).toArray(String[]::new));
        for (T row : rows) {
            lines.add(selected.stream().map(c -> clean(c.cell().apply(row))).toArray(String[]::new));
        }
        int[] widths = new int[selected.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                if (i > 0) {
                    text.append("  ");
                }
                text.append(line[i]);
                if (i < line.length - 1) {
                    text.append(" ".repeat(widths[i] - line[i].length()));
                }
            }
            out.println(text.toString().stripTrailing());
        }
        out.flush();
    }

    /** A cell on one line: a server value with a line break must not break the alignment. */
    private static String clean(String value) {
        return value == null ? "" : value.replaceAll("\\s+", " ").strip();
    }
}
