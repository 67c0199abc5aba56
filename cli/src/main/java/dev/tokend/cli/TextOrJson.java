package dev.tokend.cli;

/** {@code -o/--output} of commands whose plain answer is one value or sentence, or the API's JSON. */
enum TextOrJson {
    TEXT,
    JSON
}
