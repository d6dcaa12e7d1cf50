package org.twgate.rewrite.header;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.rule.Golden;
import org.twgate.rewrite.rule.GoldenRules;
import org.twgate.rewrite.rule.RuleSet;

/**
 * Every {@code rewrite/headers/*.in} holds rules and options, a line {@code ----}, then a raw
 * header block; the rewritten block must equal {@code .expected} byte for byte. Each file is
 * run as stored (LF) and once more with every LF turned into CRLF, as on the wire.
 * Options: {@code fields sender} (From/Sender/Reply-To instead of To/Cc),
 * {@code only ADDRESS} (envelope-recipients mode; repeatable).
 */
class HeaderGoldenTest {
    private static final byte[] SEPARATOR = "----\n".getBytes(StandardCharsets.US_ASCII);

    @TestFactory
    Stream<DynamicTest> everyHeaderGoldenFileRewritesInPlace() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/rewrite/headers").toURI());
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(p -> p.toString().endsWith(".in")).sorted().toList();
        }
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(5);
        return inputs.stream().flatMap(in -> Stream.of(
                DynamicTest.dynamicTest(in.getFileName() + " (LF)", () -> check(in, false)),
                DynamicTest.dynamicTest(in.getFileName() + " (CRLF)", () -> check(in, true))));
    }

    private static void check(Path in, boolean crlf) throws IOException {
        String name = in.getFileName().toString();
        byte[] all = Files.readAllBytes(in);
        int sep = indexOf(all, SEPARATOR);
        assertThat(sep).as("%s has a ---- line", name).isGreaterThan(0);
        String head = new String(all, 0, sep, StandardCharsets.UTF_8);
        byte[] block = Arrays.copyOfRange(all, sep + SEPARATOR.length, all.length);

        RuleSet.Builder builder = RuleSet.builder(name);
        boolean senderFields = false;
        List<EmailAddress> only = new ArrayList<>();
        for (GoldenRules.Line line : GoldenRules.load(name, head.lines().toList(), builder)) {
            String[] w = line.text().split("\\s+", 2);
            if (w[0].equals("fields") && w[1].equals("sender")) {
                senderFields = true;
            } else if (w[0].equals("only")) {
                only.add(EmailAddress.parse(w[1]));
            } else {
                throw new IllegalArgumentException(name + ":" + line.number() + ": " + line.text());
            }
        }
        RuleSet rules = builder.build();
        HeaderRewriter rewriter = senderFields ? HeaderRewriter.senders(rules::rewrite)
                : HeaderRewriter.recipients(rules::rewrite);
        if (!only.isEmpty()) {
            rewriter = rewriter.onlyEnvelopeRecipients(only);
        }
        if (!crlf) {
            Golden.compare(in, rewriter.rewrite(block).block());
            return;
        }
        byte[] out = rewriter.rewrite(toCrlf(block)).block();
        Path expected = in.resolveSibling(name.replace(".in", ".expected"));
        assertThat(new String(out, StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(toCrlf(Files.readAllBytes(expected)), StandardCharsets.ISO_8859_1));
    }

    static byte[] toCrlf(byte[] lf) {
        return new String(lf, StandardCharsets.ISO_8859_1).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (i > 0 && hay[i - 1] != '\n') {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
