package dev.tokend.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The tokend version this build was made from (the Maven project version), shared by server, CLI and SDK. */
public final class Version {
    /** For example {@code 0.1.0-SNAPSHOT}; {@code dev} when run from classes without resources. */
    public static final String VERSION = read();

    private Version() {}

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/tokend/sdk/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
