package org.twgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Golden-file tests: every {@code NAME.in} under a test resource directory is fed to a
 * function and the result compared with {@code NAME.expected}. Run with
 * {@code -Dgolden.update=true} to rewrite the expected files (then read the diff).
 */
public final class Golden {

    private Golden() {
    }

    public static Path resources(String directory) {
        try {
            return Path.of(Golden.class.getResource("/" + directory).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Stream<DynamicTest> cases(String directory, Function<Path, String> render) {
        Path dir = resources(directory);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> inputs = files.filter(p -> p.getFileName().toString().endsWith(".in")).sorted().toList();
            assertThat(inputs).as("golden inputs in " + dir).isNotEmpty();
            return inputs.stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> {
                String actual = render.apply(in);
                String name = in.getFileName().toString();
                Path expected = in.resolveSibling(name.substring(0, name.length() - 3) + ".expected");
                if (Boolean.getBoolean("golden.update")) {
                    Path source = Path.of("src/test/resources", directory, expected.getFileName().toString());
                    Files.writeString(source, actual, StandardCharsets.UTF_8);
                }
                assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines before a {@code ---} line, and those after it. */
    public static List<List<String>> split(Path in) {
        try {
            List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
            int sep = lines.indexOf("---");
            assertThat(sep).as("--- separator in " + in).isNotNegative();
            return List.of(lines.subList(0, sep), lines.subList(sep + 1, lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
