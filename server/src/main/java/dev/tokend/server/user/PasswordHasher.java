package dev.tokend.server.user;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and verifies user passwords with PBKDF2-HMAC-SHA256.
 *
 * <p>Stored form, identical to Coder's {@code coderd/userpassword} so hashes move between the two
 * systems unchanged:
 *
 * <pre>$pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</pre>
 *
 * where salt (16 random bytes) and hash (64-byte derived key) are standard base64 without padding
 * (Go's {@code base64.RawStdEncoding}), and the password enters PBKDF2 as its UTF-8 bytes. Coder
 * chose PBKDF2 over bcrypt for FIPS 140-2 compliance.
 *
 * <p>Verification honours the iteration count inside each stored hash, so hashes made with other
 * counts (older Coder releases used 1024) keep working.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PasswordHasher {

    /** Coder's default iteration count, chosen to cost about as much as a bcrypt hash. */
    public static final int DEFAULT_ITERATIONS = 65_535;

    /**
     * Highest iteration count {@link #verify} will run. A stored hash is data, and a corrupt or
     * planted value like {@code 2147483647} would otherwise pin a CPU for minutes per login
     * attempt; this ceiling is about 150 times the default.
     */
    public static final int MAX_ITERATIONS = 10_000_000;

    /** Iterations for {@link #forTests()}: exercises the real code, cheap enough to loop over. */
    static final int TEST_ITERATIONS = 1_024;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 64;

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final SecureRandom rng;
    private final int iterations;

    /**
     * Hash of a random password nobody knows, verified against when there is no real hash, so
     * that "no such user" costs as much as "wrong password" and timing cannot enumerate accounts.
     * Being random, it cannot be logged into, unlike a fixed dummy password.
     */
    private final String dummyHash;

    /** A hasher using {@link #DEFAULT_ITERATIONS}. */
    public PasswordHasher(SecureRandom rng) {
        this(rng, DEFAULT_ITERATIONS);
    }

    /**
     * A hasher producing hashes with {@code iterations} rounds. Computes one hash up front for
     * {@link #spendHashingTime}.
     *
     * @throws IllegalArgumentException if {@code iterations} is not in 1..{@link #MAX_ITERATIONS}
     */
    public PasswordHasher(SecureRandom rng, int iterations) {
        this.rng = Objects.requireNonNull(rng, "rng");
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    "iterations must be between 1 and " + MAX_ITERATIONS + ": " + iterations);
        }
        this.iterations = iterations;
        byte[] unknowable = new byte[32];
        rng.nextBytes(unknowable);
        this.dummyHash = hash(ENCODER.encodeToString(unknowable));
    }

    /** A fast hasher for tests; its hashes are valid but far too cheap to guess for production. */
    public static PasswordHasher forTests() {
        return new PasswordHasher(new SecureRandom(), TEST_ITERATIONS);
    }

    /** Iterations used for new hashes. */
    public int iterations() {
        return iterations;
    }

    /** Hashes {@code password} with a fresh random salt, in the stored form described above. */
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        rng.nextBytes(salt);
        byte[] derived = derive(password, salt, iterations);
        return "$" + SCHEME + "$" + iterations + "$" + ENCODER.encodeToString(salt) + "$"
                + ENCODER.encodeToString(derived);
    }

    /**
     * Whether {@code password} matches {@code encoded}. Never throws for a bad {@code encoded}:
     * a missing, malformed or foreign hash simply does not match. A missing or empty hash (e.g. a
     * user who signs in only through OIDC) still spends the time of a real check.
     */
    public boolean verify(String password, String encoded) {
        Objects.requireNonNull(password, "password");
        if (encoded == null || encoded.isEmpty()) {
            spendHashingTime(password);
            return false;
        }
        Parsed parsed = Parsed.of(encoded);
        if (parsed == null) {
            return false;
        }
        byte[] derived = derive(password, parsed.salt(), parsed.iterations());
        // Constant time, so timing does not reveal how many leading bytes of a guess were right.
        return MessageDigest.isEqual(derived, parsed.hash());
    }

    /**
     * Burns the time of one verification without any stored hash, for logins naming an unknown
     * user. Always the configured iteration count, like the hashes this instance writes.
     */
    public void spendHashingTime(String password) {
        Objects.requireNonNull(password, "password");
        Parsed dummy = Objects.requireNonNull(Parsed.of(dummyHash));
        MessageDigest.isEqual(derive(password, dummy.salt(), dummy.iterations()), dummy.hash());
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
        try {
            // SunJCE feeds the password to HMAC as UTF-8, matching Go's []byte(password).
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // PBKDF2WithHmacSHA256 ships with every JDK since 8; its absence is a broken runtime.
            throw new IllegalStateException(ALGORITHM + " is unavailable", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /** The fields of a stored hash that passed every structural check. */
    private record Parsed(int iterations, byte[] salt, byte[] hash) {

        /** Parses {@code encoded}, or returns null when it is not a usable hash of our scheme. */
        static Parsed of(String encoded) {
            String[] parts = encoded.split("\\$", -1);
            // "", scheme, iterations, salt, hash: the leading "$" makes the first part empty.
            if (parts.length != 5 || !parts[0].isEmpty() || !parts[1].equals(SCHEME)) {
                return null;
            }
            int iterations = parseIterations(parts[2]);
            byte[] salt = decodeRaw(parts[3]);
            byte[] hash = decodeRaw(parts[4]);
            if (iterations < 1 || salt == null || salt.length == 0 || hash == null
                    || hash.length != HASH_BYTES) {
                return null;
            }
            return new Parsed(iterations, salt, hash);
        }

        /** Decimal digits in 1..MAX_ITERATIONS, else -1. Signs and spaces are not accepted. */
        private static int parseIterations(String text) {
            if (text.isEmpty() || text.length() > 9) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value <= MAX_ITERATIONS ? value : -1;
        }

        /** Standard base64 without padding (Go's RawStdEncoding), else null. */
        private static byte[] decodeRaw(String text) {
            // Java's decoder also accepts padded input; the stored form never has padding.
            if (text.indexOf('=') >= 0) {
                return null;
            }
            try {
                return DECODER.decode(text.getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
