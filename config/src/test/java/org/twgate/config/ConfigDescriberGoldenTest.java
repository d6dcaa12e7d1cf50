package org.twgate.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What {@code twgate check} prints, golden: each {@code describe/*.in} names a shipped
 * example (or {@code <defaults>}) on its first line, then {@code VAR=value} environment
 * lines. Absolute paths are replaced by {@code <repo>} and {@code <cwd>} so the expected
 * text does not depend on where the build runs.
 */
class ConfigDescriberGoldenTest {

    @TestFactory
    Stream<DynamicTest> describesTheEffectiveConfiguration() {
        return Golden.cases("describe", ConfigDescriberGoldenTest::describe);
    }

    private static String describe(Path in) {
        try {
            List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
            Map<String, String> env = new HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
            Path repo = ExamplesTest.EXAMPLES.getParent();
            GatewayConfig c = lines.get(0).equals(Source.DEFAULTS)
                    ? ConfigLoader.defaults(env)
                    : ConfigLoader.load(repo.resolve(lines.get(0)), env);
            return ConfigDescriber.describe(c)
                    .replace(Path.of("").toAbsolutePath().toString(), "<cwd>")
                    .replace(repo.toString(), "<repo>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
