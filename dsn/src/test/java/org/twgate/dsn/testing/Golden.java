package org.twgate.dsn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources. Run with {@code -Dgolden.update=true} to rewrite
 * the expected files after a deliberate change, then review the diff.
 */
public final class Golden {

    private static final Path RESOURCES = Path.of("src", "test", "resources");

    private Golden() {
    }

    public static void assertMatches(String resource, byte[] actual) throws IOException {
        Path file = RESOURCES.resolve(resource);
        String text = new String(actual, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (run with -Dgolden.update=true to create)", file).exists();
        assertThat(text).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static InputStream open(String resource) throws IOException {
        return Files.newInputStream(RESOURCES.resolve(resource));
    }

    public static String read(String resource) throws IOException {
        return Files.readString(RESOURCES.resolve(resource), StandardCharsets.UTF_8);
    }
}
