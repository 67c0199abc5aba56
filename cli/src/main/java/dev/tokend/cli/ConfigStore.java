package dev.tokend.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The CLI's configuration directory: {@code url} (the server) and {@code session} (the session
 * token), one value per file as the reference CLI keeps them. The session file is a credential, so
 * both files are written mode 0600 in a directory of mode 0700, via a temporary file and a rename
 * so a crash never leaves a half-written token.
 */
final class ConfigStore {
    static final String URL_FILE = "url";
    static final String SESSION_FILE = "session";

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    ConfigStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    Path dir() {
        return dir;
    }

    Optional<String> url() {
        return read(URL_FILE);
    }

    Optional<String> session() {
        return read(SESSION_FILE);
    }

    /** Stores both values; the session first, so a stored URL always comes with its session. */
    void save(String url, String session) {
        try {
            createDirectory();
            write(SESSION_FILE, session);
            write(URL_FILE, url);
        } catch (IOException e) {
            throw new CliException("Cannot write the configuration in " + dir + ": " + e);
        }
    }

    /** Removes the session and the URL; returns whether there was a session to remove. */
    boolean clear() {
        try {
            boolean had = Files.deleteIfExists(dir.resolve(SESSION_FILE));
            Files.deleteIfExists(dir.resolve(URL_FILE));
            return had;
        } catch (IOException e) {
            throw new CliException("Cannot remove the configuration in " + dir + ": " + e);
        }
    }

    private Optional<String> read(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IOException e) {
            throw new CliException("Cannot read " + file + ": " + e);
        }
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            // createDirectories applies the umask; set the mode explicitly.
            Files.setPosixFilePermissions(dir, DIR_MODE);
        } else {
            Files.createDirectories(dir);
        }
    }

    private void write(String name, String value) throws IOException {
        FileAttribute<?>[] attributes = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, "." + name, ".tmp", attributes);
        try {
            Files.writeString(temporary, value + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
