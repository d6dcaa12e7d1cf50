package org.twgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twgate reload} exits 1 on a refused configuration, as README and --help say. */
class ReloadCommandTest {
    @TempDir
    Path dir;

    @Test
    void aConfigurationThatDoesNotLoadIsRefusedWithExit1NamingFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("twgate.yaml"), "policy:\n  accepted_domain: [x.example]\n");
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Twgate.execute("reload", "--config", file.toString());
        } finally {
            System.setErr(saved);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(file + ":2: ")
                .contains("refused, the running configuration stays");
    }
}
