package org.twgate.rewrite.header;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.rule.Match;
import org.twgate.rewrite.rule.RewriteResult;
import org.twgate.rewrite.rule.RuleSet;
import org.twgate.rewrite.rule.RuleSpec;

class HeaderRewriterTest {
    private static final RuleSet TO_TEAMWARE = RuleSet.builder("in")
            .add(new RuleSpec("to-teamware", Match.domain("company.com"), "$LOCAL@tw.company.com"), "test:1")
            .build();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void reportsEachChangeWithItsFieldAndOriginalBytes() {
        byte[] in = bytes("Subject: hi\r\nTo: John <john@company.com>,\r\n mary@company.com\r\n\r\n");
        HeaderRewrite out = HeaderRewriter.recipients(TO_TEAMWARE::rewrite).rewrite(in);
        assertThat(text(out.block()))
                .isEqualTo("Subject: hi\r\nTo: John <john@tw.company.com>,\r\n mary@tw.company.com\r\n\r\n");
        assertThat(out.changes()).hasSize(2);
        HeaderChange first = out.changes().get(0);
        assertThat(first.field()).isEqualTo("To");
        assertThat(new String(in, first.offset(), first.length(), StandardCharsets.UTF_8)).isEqualTo("john@company.com");
        assertThat(first.rewritten()).hasToString("john@tw.company.com");
        assertThat(first.rewrite().rule().source()).isEqualTo("test:1");
    }

    @Test
    void aBlockWithNothingToRewriteIsReturnedAsItIs() {
        byte[] in = bytes("To: someone@other.com\nCc: undisclosed-recipients:;\n\n");
        HeaderRewrite out = HeaderRewriter.recipients(TO_TEAMWARE::rewrite).rewrite(in);
        assertThat(out.changed()).isFalse();
        assertThat(out.block()).isSameAs(in);
    }

    @Test
    void stopsAtTheEmptyLineSoTheBodyIsNeverTouched() {
        byte[] in = bytes("To: a@company.com\r\n\r\nTo: b@company.com\r\n");
        assertThat(text(HeaderRewriter.recipients(TO_TEAMWARE::rewrite).rewrite(in).block()))
                .isEqualTo("To: a@tw.company.com\r\n\r\nTo: b@company.com\r\n");
    }

    @Test
    void neverAddsAnAddressSoABccRecipientStaysOutOfTheHeaders() {
        byte[] in = bytes("To: a@company.com\r\nBcc: hidden@company.com\r\n\r\n");
        HeaderRewrite out = HeaderRewriter.recipients(TO_TEAMWARE::rewrite).rewrite(in);
        assertThat(text(out.block())).isEqualTo("To: a@tw.company.com\r\nBcc: hidden@company.com\r\n\r\n")
                .doesNotContain("hidden@tw.company.com");
    }

    @Test
    void envelopeOnlyModeComparesWithThePreRewriteAddressIgnoringCase() {
        HeaderRewriter r = HeaderRewriter.recipients(TO_TEAMWARE::rewrite)
                .onlyEnvelopeRecipients(List.of(EmailAddress.parse("JOHN@company.com")));
        assertThat(text(r.rewrite(bytes("To: john@Company.com, mary@company.com\n\n")).block()))
                .isEqualTo("To: john@tw.company.com, mary@company.com\n\n");
    }

    @Test
    void customFieldListAndRewritersThatDeclineLeaveBytesAlone() {
        HeaderRewriter custom = HeaderRewriter.forFields(List.of("X-Envelope-To"), TO_TEAMWARE::rewrite);
        assertThat(text(custom.rewrite(bytes("x-envelope-to: a@company.com\nTo: a@company.com\n\n")).block()))
                .isEqualTo("x-envelope-to: a@tw.company.com\nTo: a@company.com\n\n");
        HeaderRewriter declining = HeaderRewriter.recipients(RewriteResult.Unchanged::new);
        byte[] in = bytes("To: a@company.com\n\n");
        assertThat(declining.rewrite(in).block()).isSameAs(in);
    }
}
