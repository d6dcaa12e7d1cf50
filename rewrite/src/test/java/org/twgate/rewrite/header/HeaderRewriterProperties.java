package org.twgate.rewrite.header;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import java.util.List;
import org.twgate.fuzz.Mutations;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.rule.Match;
import org.twgate.rewrite.rule.RewriteResult;
import org.twgate.rewrite.rule.RuleSet;
import org.twgate.rewrite.rule.RuleSpec;

/** Random header blocks: the rewriter changes nothing but the addresses it reports. */
class HeaderRewriterProperties {
    private static final RuleSet THERE = RuleSet.builder("there")
            .add(new RuleSpec("there", Match.domain("company.com"), "$LOCAL@tw.company.com")).build();
    private static final RuleSet BACK = RuleSet.builder("back")
            .add(new RuleSpec("back", Match.domain("tw.company.com"), "$LOCAL@company.com")).build();

    @Property(tries = 2000, seed = "5322")
    void randomBytesChangeOnlyWhereAChangeIsReported(@ForAll("headerishBlocks") byte[] block) {
        changesOnlyWhereReported(block);
    }

    /** The seed corpus: the header blocks of the golden tests, edited at random. */
    @Property(tries = 3000, seed = "6854")
    void realHeaderBlocksEditedAtRandomChangeOnlyWhereAChangeIsReported(@ForAll("realBlocks") String block) {
        changesOnlyWhereReported(Mutations.bytes(block));
    }

    @Provide
    Arbitrary<String> realBlocks() {
        List<String> blocks = Mutations.files(Mutations.resources(HeaderRewriterProperties.class, "rewrite/headers"), ".in")
                .stream().map(t -> t.substring(t.indexOf("----\n") + 5).replace("\n", "\r\n")).toList();
        return Mutations.of(blocks, Mutations.NASTY, 5);
    }

    private static void changesOnlyWhereReported(byte[] block) {
        HeaderRewrite out = HeaderRewriter.recipients(THERE::rewrite).rewrite(block);
        // Re-applying the reported changes to the input must give exactly the output ...
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int from = 0;
        for (HeaderChange c : out.changes()) {
            assertThat(c.offset()).isGreaterThanOrEqualTo(from);
            expected.write(block, from, c.offset() - from);
            String original = new String(block, c.offset(), c.length(), StandardCharsets.UTF_8);
            // ... each replaced range held exactly the address the change names ...
            assertThat(EmailAddress.parse(original)).isEqualTo(c.original());
            byte[] replacement = c.rewritten().toString().getBytes(StandardCharsets.UTF_8);
            expected.writeBytes(replacement);
            from = c.offset() + c.length();
        }
        expected.write(block, from, block.length - from);
        assertThat(out.block()).isEqualTo(expected.toByteArray());
        // ... and no line break was added or removed.
        assertThat(count(out.block(), '\n')).isEqualTo(count(block, '\n'));
        assertThat(count(out.block(), '\r')).isEqualTo(count(block, '\r'));
    }

    @Property(tries = 1000, seed = "5323")
    void aRewriteAndItsInverseGiveBackTheSameBytes(@ForAll("wellFormedBlocks") byte[] block) {
        HeaderRewrite there = HeaderRewriter.recipients(THERE::rewrite).rewrite(block);
        HeaderRewrite back = HeaderRewriter.recipients(BACK::rewrite).rewrite(there.block());
        assertThat(there.changes()).hasSameSizeAs(back.changes());
        assertThat(new String(back.block(), StandardCharsets.UTF_8)).isEqualTo(new String(block, StandardCharsets.UTF_8));
    }

    @Property(tries = 500, seed = "5324")
    void aRewriterThatChangesNothingLeavesTheBlockIdentical(@ForAll("headerishBlocks") byte[] block) {
        HeaderRewrite out = HeaderRewriter.recipients(RewriteResult.Unchanged::new).rewrite(block);
        assertThat(out.block()).isSameAs(block);
    }

    @Provide
    Arbitrary<byte[]> headerishBlocks() {
        Arbitrary<String> name = Arbitraries.of("To", "cc", "Resent-To", "Resent-Cc", "From", "Bcc", "Subject", " ", "");
        Arbitrary<String> piece = Arbitraries.of("john@company.com", "\"a b\"@company.com", "<x@company.com>", "@",
                "<", ">", "\"", "(", ")", "\\", ",", ";", ":", " ", "\t", "\r\n", "\n", "\r", " \r\n ", "[", "]",
                "=?UTF-8?B?w6Q=?=", "jö@company.com", "\u00ff", "\u0000", "x", ".", "..", "company.com");
        Arbitrary<String> body = piece.list().ofMaxSize(12).map(l -> String.join("", l));
        Arbitrary<String> field = Combinators.combine(name, body).as((n, b) -> n + ":" + b + "\r\n");
        return field.list().ofMaxSize(8).map(fields -> latinWhereMarked(String.join("", fields)));
    }

    @Provide
    Arbitrary<byte[]> wellFormedBlocks() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcXYZ019-+_").ofMinLength(1).ofMaxLength(6)
                .list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
        Arbitrary<String> domain = Arbitraries.of("company.com", "other.com", "tw.other.com");
        Arbitrary<String> addr = Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
        Arbitrary<String> display = Arbitraries.of("", "John ", "\"Smith, John\" ", "=?UTF-8?Q?J=C3=B6rg?= ",
                "(comment) ", "Mary (the boss) ");
        Arbitrary<String> mailbox = Combinators.combine(display, addr, Arbitraries.of(true, false), Arbitraries.of("", " (c)"))
                .as((d, a, angle, trail) -> angle || !d.isEmpty() ? d + "<" + a + ">" + trail : a + trail);
        Arbitrary<String> list = mailbox.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(",\r\n ", l));
        Arbitrary<String> field = Combinators.combine(Arbitraries.of("To", "Cc", "Resent-Cc", "Subject"), list,
                Arbitraries.of(false, true)).as((n, l, group) -> n + ": " + (group ? "team: " + l + ";" : l) + "\r\n");
        return field.list().ofMinSize(1).ofMaxSize(6)
                .map(f -> (String.join("", f) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** UTF-8, except that each \u00ff becomes the single byte 0xff, which is never UTF-8. */
    private static byte[] latinWhereMarked(String s) {
        byte[] utf8 = s.replace('\u00ff', '\u0001').getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == 1) {
                utf8[i] = (byte) 0xff;
            }
        }
        return utf8;
    }

    private static int count(byte[] b, char c) {
        int n = 0;
        for (byte x : b) {
            n += x == c ? 1 : 0;
        }
        return n;
    }
}
