package org.twgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;

/**
 * {@code twgate import qmail} on each seed method's fixture ({@code examples/qmail-import/seed-*})
 * reproduces its golden YAML, patch and report byte for byte; the YAML loads as {@code twgate check}
 * loads it, and GNU patch applies the patch to a copy of the fixture. Run with
 * {@code -Dgolden.update=true} to rewrite the golden files (then read the diff).
 */
class ImportCommandGoldenTest {
    static final Path FIXTURES = Path.of("..", "examples", "qmail-import").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Run(int exit, String stdout, String stderr, String yaml, String patch) {
    }

    static Run importQmail(Path work, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path yaml = work.resolve("twgate.yaml");
        Path patch = work.resolve("qmail.patch");
        String[] all = Stream.concat(Stream.of(args), Stream.of("--out", yaml.toString(), "--patch", patch.toString()))
                .toArray(String[]::new);
        int exit = ImportCommand.Qmail.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Files.exists(yaml) ? Files.readString(yaml) : null, Files.exists(patch) ? Files.readString(patch) : null);
    }

    @TestFactory
    Stream<DynamicTest> eachSeedMethodImportsToItsGoldenConfiguration() throws IOException {
        List<Path> seeds;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            seeds = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(seeds).extracting(p -> p.getFileName().toString()).containsExactly("seed-4.1.1", "seed-4.1.2",
                "seed-4.1.3", "seed-4.2.1", "seed-4.2.2", "seed-4.2.3", "seed-4.2.4");
        return seeds.stream().map(seed -> DynamicTest.dynamicTest(seed.getFileName().toString(), () -> {
            Path work = Files.createDirectories(dir.resolve(seed.getFileName()));
            Run run = importQmail(work, "--root", seed.toString());
            String name = seed.getFileName().toString();
            golden(name + ".yaml", run.yaml());
            golden(name + ".patch", run.patch());
            golden(name + ".report", run.stderr());
            assertThat(run.exit()).as(run.stderr()).isZero();
            assertThat(run.stderr()).doesNotContain("BUG");
            GatewayConfig loaded = ConfigLoader.load(FIXTURES.resolve(name + ".yaml"), Map.of());
            assertThat(loaded.routes().routes()).isNotEmpty();
            assertThat(loaded.warnings()).as("twgate check's warnings").isEmpty();
            applies(seed, run.patch(), work.resolve("root"));
        }));
    }

    private static void golden(String file, String actual) throws IOException {
        Path expected = FIXTURES.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as(file).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    /** GNU patch applies the printed patch to a copy of the fixture (the admin's {@code cd / && patch -p1}). */
    private static void applies(Path seed, String patch, Path copy) throws Exception {
        copyTree(seed, copy);
        Path patchFile = copy.resolveSibling("apply.patch");
        Files.writeString(patchFile, patch);
        Process p = new ProcessBuilder("patch", "-p1", "--batch", "--forward", "-i", patchFile.toString())
                .directory(copy.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("FAILED", "rejects");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    void anEmptyTreeIsExit2AndNothingIsWritten() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run run = importQmail(dir, "--root", empty.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("nothing could be read");
        assertThat(run.yaml()).isNull();
    }

    @Test
    void itNeverWritesUnderTheQmailDirectory() throws Exception {
        Path root = dir.resolve("root");
        copyTree(FIXTURES.resolve("seed-4.2.2"), root);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ImportCommand.Qmail.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true),
                "--root", root.toString(), "--out", root.resolve("var/qmail/control/twgate.yaml").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("refusing to write");
        assertThat(root.resolve("var/qmail/control/twgate.yaml")).doesNotExist();
    }

    @Test
    void whatCannotBeTranslatedIsNamedWithItsLineAndTheExitIs1() throws Exception {
        Path root = dir.resolve("root");
        copyTree(FIXTURES.resolve("seed-4.2.2"), root);
        Files.writeString(root.resolve("var/qmail/alias/.qmail-sales"), "./Maildir/\n|preline /usr/bin/ezmlm-send ~/sales\n");
        Files.writeString(root.resolve("var/qmail/alias/.qmail-webmaster"), "admin@tw.company.com\n");
        Run run = importQmail(dir, "--root", root.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("/var/qmail/alias/.qmail-sales:1: left out: delivers to the maildir"
                + " ./Maildir/, which stays with qmail")
                .contains("/var/qmail/alias/.qmail-sales:2: left out: runs preline, which twgate does not translate");
        // qmail keeps the sales address: twgate hands it back to qmail rather than to Teamware
        assertThat(run.yaml()).contains("match: {local_parts: [sales], domain: company.com}\n        route: qmail");
        assertThat(run.patch()).doesNotContain(".qmail-sales");
    }

    @Test
    void aVirtualDomainWhoseUserDeliversToAMaildirStaysWithQmailAndThePatchLeavesItAlone() throws Exception {
        Path root = dir.resolve("root");
        copyTree(FIXTURES.resolve("seed-4.1.2"), root);
        Files.writeString(root.resolve("home/twu/.qmail-default"), "./Maildir/\n");
        Run run = importQmail(dir, "--root", root.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("/home/twu/.qmail-default:1: left out: delivers to the maildir ./Maildir/")
                .contains("/var/qmail/control/virtualdomains:1: tw.company.com stays with qmail");
        assertThat(run.yaml()).doesNotContain("smtproutes: \"tw.company.com");
        assertThat(run.patch()).doesNotContain("virtualdomains").doesNotContain("tw.company.com:[127.0.0.1]:2525");
    }
}
