package dev.tokend.cli;

import java.util.Locale;

/** {@code -o/--output} of commands that show records: an aligned table or the API's JSON. */
enum TableOrJson {
    TABLE,
    JSON;

    /** Lower case, as typed and as help and shell completion offer it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
