package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus's promtool (Debian package {@code prometheus}); skips the test when it is absent. */
final class Promtool {
    private Promtool() {
    }

    static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String why = "promtool not found on PATH: install Debian's 'prometheus' package (.ci/run does) to run this check";
        System.err.println("SKIPPED: " + why);
        assumeTrue(false, why);
        return null;
    }

    /** {@code promtool check metrics} on an exposition: exit 0 and nothing to complain about. */
    static void checkMetrics(String exposition) throws IOException, InterruptedException {
        Result r = run(List.of(binary().toString(), "check", "metrics"), exposition);
        assertThat(r.exit()).as("promtool check metrics exit status; output:%n%s", r.output()).isZero();
        assertThat(r.output()).as("promtool check metrics output").isBlank();
    }

    /** {@code promtool check config FILE}. */
    static void checkConfig(Path file) throws IOException, InterruptedException {
        Result r = run(List.of(binary().toString(), "check", "config", "--syntax-only", file.toString()), "");
        assertThat(r.exit()).as("promtool check config %s; output:%n%s", file, r.output()).isZero();
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish in 60 s: " + command);
        }
        return new Result(p.exitValue(), output);
    }
}
