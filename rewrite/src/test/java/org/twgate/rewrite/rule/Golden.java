package org.twgate.rewrite.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compares an actual output with the {@code .expected} file next to an {@code .in} file. */
public final class Golden {
    private Golden() {
    }

    public static void compare(Path in, String actual) throws IOException {
        compare(in, actual.getBytes(StandardCharsets.UTF_8));
    }

    public static void compare(Path in, byte[] actual) throws IOException {
        String file = in.getFileName().toString();
        Path expected = in.resolveSibling(file.substring(0, file.length() - 3) + ".expected");
        if (Boolean.getBoolean("golden.update")) {
            // write into the source tree, not target/, so the change shows in git diff
            Path source = Path.of("src/test/resources").resolve(
                    Path.of("target/test-classes").toAbsolutePath().relativize(expected.toAbsolutePath()));
            Files.write(source, actual);
            return;
        }
        assertThat(Files.exists(expected)).as("golden file %s exists", expected).isTrue();
        // compared as ISO-8859-1 text: byte for byte, yet readable in a failure diff
        assertThat(new String(actual, StandardCharsets.ISO_8859_1))
                .as("output for %s", file)
                .isEqualTo(new String(Files.readAllBytes(expected), StandardCharsets.ISO_8859_1));
    }
}
