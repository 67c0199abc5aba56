package dev.tokend.cli;

import java.util.Locale;

/** {@code -o/--output} of commands whose plain answer is one value or sentence, or the API's JSON. */
enum TextOrJson {
    TEXT,
    JSON;

    /** Lower case, as typed and as help and shell completion offer it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
