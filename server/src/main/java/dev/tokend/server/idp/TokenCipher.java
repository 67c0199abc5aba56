package dev.tokend.server.idp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the IdP's access and refresh tokens at rest (issue 12): AES-256-GCM with a random
 * 96-bit nonce per value, stored as {@code base64(nonce || ciphertext+tag)} next to the key's id
 * (the first 8 hex digits of the key's SHA-256). The additional authenticated data binds the value
 * to its column name, so an access token cannot be swapped into the refresh column.
 *
 * <p>Rotation (docs/sso.md): keys are given newest first; the first encrypts, all decrypt. A value
 * written under an older key is re-encrypted with the newest the next time it is written (every
 * login and every refresh). Without keys, values are stored as the reference stores them
 * (plaintext, key id null) and {@link #enabled()} is false so the server can warn at start-up.
 */
public final class TokenCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A stored value and the id of the key that encrypted it (null: stored as given). */
    public record Sealed(String value, String keyId) {
        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }

    private final Map<String, SecretKeySpec> keys; // id -> key, newest first
    private final String currentId;
    private final SecureRandom rng;

    private TokenCipher(Map<String, SecretKeySpec> keys, SecureRandom rng) {
        this.keys = keys;
        this.currentId = keys.isEmpty() ? null : keys.keySet().iterator().next();
        this.rng = Objects.requireNonNull(rng, "rng");
    }

    /** No encryption: tokens are stored as the IdP issued them. */
    public static TokenCipher plaintext() {
        return new TokenCipher(Map.of(), new SecureRandom());
    }

    /**
     * Keys from the option (base64 of 32 bytes each, newest first) and from the file (one such key
     * per line, {@code #} comments allowed, appended after the option's).
     */
    public static TokenCipher fromKeys(List<String> base64Keys, Path keyFile, SecureRandom rng) {
        List<String> all = new ArrayList<>(base64Keys);
        if (keyFile != null) {
            try {
                for (String line : Files.readAllLines(keyFile, StandardCharsets.UTF_8)) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("#")) {
                        all.add(t);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --idp-token-encryption-key-file " + keyFile, e);
            }
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        for (String k : all) {
            byte[] raw;
            try {
                raw = java.util.Base64.getDecoder().decode(k.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("an IdP token encryption key is not base64");
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException("an IdP token encryption key must be 32 bytes (base64 of "
                        + "`openssl rand 32`), not " + raw.length);
            }
            keys.putIfAbsent(keyId(raw), new SecretKeySpec(raw, "AES"));
        }
        return new TokenCipher(keys, rng);
    }

    public boolean enabled() {
        return currentId != null;
    }

    /** Seals {@code plaintext} for {@code column} with the newest key; the empty string stays empty. */
    public Sealed seal(String column, String plaintext) {
        if (currentId == null || plaintext.isEmpty()) {
            return new Sealed(plaintext, null);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        rng.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return new Sealed(java.util.Base64.getEncoder().encodeToString(out), currentId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * Opens a stored value. A null key id means it was stored as given.
     *
     * @throws IllegalStateException when the key is unknown (removed too early) or the value was altered
     */
    public String open(String column, String value, String keyId) {
        if (keyId == null || value.isEmpty()) {
            return value;
        }
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("the IdP token was encrypted with key " + keyId
                    + ", which is not configured");
        }
        try {
            byte[] in = java.util.Base64.getDecoder().decode(value);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored IdP token does not decrypt with key " + keyId, e);
        }
    }

    static String keyId(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
