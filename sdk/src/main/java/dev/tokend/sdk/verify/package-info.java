/**
 * Token verification for services that sit behind tokend: {@link dev.tokend.sdk.verify.TokenVerifier}
 * asks tokend who a token belongs to and caches positive answers briefly; the answer is a
 * {@link dev.tokend.sdk.verify.VerificationResult}.
 */
package dev.tokend.sdk.verify;
