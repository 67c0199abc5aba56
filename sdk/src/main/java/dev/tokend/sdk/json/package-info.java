/**
 * JSON of the API's records ({@link dev.tokend.sdk.model}) on jackson-core's streaming API alone: no
 * {@code ObjectMapper}, no reflection, no annotation reading. {@link dev.tokend.sdk.TokendClient} and
 * the CLI use these codecs because databind's set-up and its first use of each record type cost a
 * short-lived process more than the request itself.
 *
 * <p>Each codec class has a {@code readX(JsonParser)} and a {@code write(JsonGenerator, X)} for every
 * record of its area; {@link dev.tokend.sdk.json.WireJson} reads and writes whole documents. The
 * codecs agree with {@link dev.tokend.sdk.TokendJson#mapper()}, which the server uses: the same
 * field names (snake_case, or the record's {@code @JsonProperty}), the same order and the same
 * {@code @JsonInclude} rules when writing; unknown fields skipped, missing fields null (or a
 * primitive's 0 or false), no coercion between JSON types and nothing after the value when reading.
 * {@code WireJsonAgreementTest} holds them to it for every record of the model package.
 */
package dev.tokend.sdk.json;
