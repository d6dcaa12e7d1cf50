package org.twgate.rewrite.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.address.ReversePath;

/**
 * Every {@code rewrite/*.in} (rules, then {@code address}/{@code sender} lines) is rewritten and
 * compared with its {@code .expected}: one line per address, as {@link RewriteResult#toString()}.
 * Run with {@code -Dgolden.update=true} to regenerate the expected files (then read the diff).
 */
class RewriteGoldenTest {

    @TestFactory
    Stream<DynamicTest> everyGoldenFileRewritesAsExpected() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/rewrite").toURI());
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(p -> p.toString().endsWith(".in")).sorted().toList();
        }
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(8);
        return inputs.stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> check(in)));
    }

    private static void check(Path in) throws IOException {
        String name = in.getFileName().toString();
        RuleSet.Builder builder = RuleSet.builder(name);
        List<GoldenRules.Line> rest = GoldenRules.load(name, Files.readAllLines(in, StandardCharsets.UTF_8), builder);
        RuleSet rules = builder.build();
        ReversePath sender = ReversePath.NULL;
        List<String> out = new ArrayList<>();
        for (GoldenRules.Line line : rest) {
            String[] w = line.text().split("\\s+", 2);
            switch (w[0]) {
                case "sender" -> sender = ReversePath.parse(w[1]);
                case "address" -> out.add(rules.rewrite(EmailAddress.parse(w[1]), sender).toString());
                default -> throw new IllegalArgumentException(name + ":" + line.number() + ": " + line.text());
            }
        }
        Golden.compare(in, String.join("\n", out) + "\n");
    }
}
