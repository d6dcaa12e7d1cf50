package org.twgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.twgate.config.policy.RcptHosts;
import org.twgate.config.policy.TcpRules;
import org.twgate.config.route.SmtpRoutes;
import org.twgate.config.teamware.ToIni;
import org.twgate.config.teamware.TombSmtpIni;
import org.twgate.fuzz.Mutations;

/**
 * Fuzzing every reader of the files an operator hands twgate: qmail's smtproutes, tcp.smtp and
 * rcpthosts, Teamware's to.ini and tombsmtp.ini, and the YAML configuration itself, each seeded
 * with the real samples of the golden tests and {@code examples/} and edited at random. A file
 * is either read, or refused with {@link ConfigException} whose every problem names a file and,
 * for a line of it, a line that exists; nothing else ever escapes. Fixed seeds.
 */
class ConfigInputProperties {
    private static final String FILE = "/etc/qmail/sample";
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static Path copy;

    /** A parser of an imported file: its name and lines in, a value or a ConfigException out. */
    @FunctionalInterface
    interface FileParser {
        Object parse(String file, List<String> lines) throws ConfigException;
    }

    @BeforeContainer
    static void copyExamples() throws IOException {
        copy = Files.createTempDirectory("twgate-fuzz-examples");
        try (Stream<Path> all = Files.walk(EXAMPLES)) {
            for (Path p : all.toList()) {
                Path target = copy.resolve(EXAMPLES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @AfterContainer
    static void removeCopy() throws IOException {
        try (Stream<Path> all = Files.walk(copy)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void readsOrNamesTheLine(FileParser parser, String text) {
        List<String> lines = Mutations.lines(text);
        try {
            parser.parse(FILE, lines);
            Statistics.collect("read");
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertNamesALineOf(p, FILE, lines.size()));
            Statistics.collect("refused");
        }
    }

    private static void assertNamesALineOf(Problem p, String file, int lines) {
        assertThat(p.where()).startsWith(file);
        String rest = p.where().substring(file.length());
        if (!rest.isEmpty()) {
            assertThat(rest).matches(":\\d+");
            assertThat(Integer.parseInt(rest.substring(1))).isBetween(1, lines);
        }
        assertThat(p.message()).isNotBlank().doesNotContain("\n", "\r");
    }

    @Property(tries = 3000, seed = "1998")
    void smtproutesLines(@ForAll("smtproutes") String text) {
        readsOrNamesTheLine(SmtpRoutes::parseFile, text);
    }

    @Property(tries = 3000, seed = "1999")
    void tcpSmtpRules(@ForAll("tcprules") String text) {
        readsOrNamesTheLine(TcpRules::parse, text);
    }

    @Property(tries = 2000, seed = "2000")
    void rcpthostsLines(@ForAll("rcpthosts") String text) {
        readsOrNamesTheLine(RcptHosts::parse, text);
    }

    @Property(tries = 3000, seed = "2001")
    void toIniLines(@ForAll("toIni") String text) {
        readsOrNamesTheLine(ToIni::parse, text);
    }

    @Property(tries = 3000, seed = "2002")
    void tombsmtpIniLines(@ForAll("tombsmtpIni") String text) {
        readsOrNamesTheLine(TombSmtpIni::parse, text);
    }

    @Property(tries = 2000, seed = "2026")
    void yamlConfiguration(@ForAll("yaml") String text) throws IOException {
        Path file = copy.resolve("fuzz.yaml");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        try {
            ConfigLoader.load(file, Map.of());
            Statistics.collect("loaded");
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.where()).matches("(/|env TWGATE_|<defaults>).*");
                assertThat(p.message()).isNotBlank();
            });
            Statistics.collect("refused");
        }
    }

    private static List<String> seeds(String resourceDirectory, String... examples) {
        List<String> seeds = new ArrayList<>(Mutations.files(
                Mutations.resources(ConfigInputProperties.class, resourceDirectory), ".in"));
        for (String e : examples) {
            try {
                seeds.add(Files.readString(EXAMPLES.resolve(e), StandardCharsets.ISO_8859_1));
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
        return seeds;
    }

    @Provide
    Arbitrary<String> smtproutes() {
        return Mutations.of(seeds("smtproutes", "qmail/smtproutes"));
    }

    @Provide
    Arbitrary<String> tcprules() {
        return Mutations.of(seeds("tcprules", "qmail/tcp.smtp"));
    }

    @Provide
    Arbitrary<String> rcpthosts() {
        return Mutations.of(seeds("rcpthosts", "qmail/rcpthosts"));
    }

    @Provide
    Arbitrary<String> toIni() {
        return Mutations.of(seeds("teamware", "teamware/to.ini").stream().filter(s -> !s.contains("own_node")).toList());
    }

    @Provide
    Arbitrary<String> tombsmtpIni() {
        return Mutations.of(seeds("teamware", "teamware/tombsmtp.ini"));
    }

    @Provide
    Arbitrary<String> yaml() {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                seeds.add(Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Mutations.of(seeds, Mutations.NASTY + "&*!|>%{}[]- \n", 4);
    }
}
