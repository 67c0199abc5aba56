package dev.tokend.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    /** The start-up shortcut trusts this list: a migration missing from it would never be applied. */
    @Test
    void versionsListEveryMigrationFileInOrder() throws Exception {
        Path directory = migrationDirectory();
        List<String> versions;
        try (Stream<Path> files = Files.list(directory)) {
            versions = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
        }
        assertThat(versions).isNotEmpty();
        assertThat(Migrations.VERSIONS).isEqualTo(versions);
    }

    private static Path migrationDirectory() throws URISyntaxException {
        String location = Migrations.LOCATION.substring("classpath:".length());
        // In the build the resources are a directory (target/classes), so they can be listed.
        return Path.of(Migrations.class.getClassLoader().getResource(location).toURI());
    }
}
