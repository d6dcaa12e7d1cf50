package org.twgate.dsn.param;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.twgate.fuzz.Mutations;

/**
 * Fuzzing the RFC 3461 parameter parsers with what clients send (the seeds are the arguments of
 * the transcript tests): a MAIL or RCPT argument, an xtext, an ORCPT, an ENVID, a NOTIFY, a RET
 * either parse or are refused with {@link SmtpArgumentException}, and every refusal is a
 * well-formed reply: a 5xx code, an enhanced status of the same class, a printable one-line text.
 * Nothing else ever escapes. Fixed seeds, so a failure is reproduced by running the test again.
 */
class DsnParameterProperties {
    static final List<String> MAIL = List.of("<john@company.com>", "<>", "<a@company.com> SIZE=200000",
            "<a@company.com> RET=FULL", "<john@company.com> RET=hdrs ENVID=QQ+2B314", "<a@company.com> ENVID=a+zz",
            "<a@company.com> RET=FULL RET=HDRS", "<\"john smith\"@company.com> BODY=8BITMIME", " <a@b.example>",
            "<@relay.example:john@company.com>", "<j\u00c3\u00b6rg@b.example> SMTPUTF8", "<a@[192.0.2.1]> AUTH=<>");
    static final List<String> RCPT = List.of("<jane@tw.company.com>", "<Postmaster>",
            "<b@tw.company.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@company.com",
            "<jane@tw.company.com> NOTIFY=failure,success ORCPT=rfc822;jane+40company.com",
            "<b@tw.company.com> NOTIFY=NEVER", "<b@tw.company.com> NOTIFY=DELAY,DELAY", "<b@tw.company.com> ORCPT=b+4",
            "<b@tw.company.com> ORCPT=utf-8;j\\x{00F6}rg@b.example", "<b@tw.company.com> XYZ", "<b@@tw.company.com>");
    static final List<String> XTEXT = List.of("rfc822;jane+40company.com", "QQ+2B314", "a+zz", "plain", "+2B+2B",
            "rfc822;\"quoted+20name\"@x.example", "utf-8;j\\x{00F6}rg@b.example", "");

    @Property(tries = 3000, seed = "3461")
    void aMailArgumentParsesOrIsRefusedWithAWellFormedReply(@ForAll("mail") String raw) {
        try {
            SmtpArgument a = SmtpArgumentParser.parseMail(raw);
            DsnMailParameters.from(a);
            assertThat(a.path()).doesNotContain("\r", "\n", "\u0000");
            Statistics.collect("parsed");
        } catch (SmtpArgumentException e) {
            assertWellFormed(e);
            Statistics.collect("refused " + e.replyCode() + " " + e.status());
        }
    }

    @Property(tries = 3000, seed = "3462")
    void aRcptArgumentParsesOrIsRefusedWithAWellFormedReply(@ForAll("rcpt") String raw) {
        try {
            SmtpArgument a = SmtpArgumentParser.parseRcpt(raw);
            DsnRcptParameters d = DsnRcptParameters.from(a);
            d.orcpt().ifPresent(o -> assertThat(o.parameterValue()).doesNotContain(" ", "\r", "\n"));
            Statistics.collect("parsed");
        } catch (SmtpArgumentException e) {
            assertWellFormed(e);
            Statistics.collect("refused " + e.replyCode() + " " + e.status());
        }
    }

    @Property(tries = 3000, seed = "3463")
    void xtextOrcptEnvidNotifyAndRetParseOrAreRefusedCleanly(@ForAll("xtext") String text) {
        try {
            String decoded = Xtext.decode(text, "ENVID");
            assertThat(Xtext.decode(Xtext.encode(decoded), "ENVID")).isEqualTo(decoded);
            Statistics.collect("xtext decoded");
        } catch (SmtpArgumentException e) {
            assertWellFormed(e);
            Statistics.collect("xtext refused");
        }
        for (ThrowingParse parse : List.<ThrowingParse>of(OriginalRecipient::parse, EnvelopeId::parse, Notify::parse,
                Ret::parse)) {
            try {
                parse.parse(text);
            } catch (SmtpArgumentException e) {
                assertWellFormed(e);
            }
        }
    }

    @FunctionalInterface
    interface ThrowingParse {
        Object parse(String text) throws SmtpArgumentException;
    }

    static void assertWellFormed(SmtpArgumentException e) {
        assertThat(e.replyCode()).isBetween(500, 559);
        assertThat(e.status().statusClass()).isEqualTo(e.replyCode() / 100);
        assertThat(e.getMessage()).isNotBlank();
        assertThat(e.reply()).matches("5\\d\\d 5\\.\\d{1,3}\\.\\d{1,3} [\\x20-\\x7e]+");
    }

    @Provide
    Arbitrary<String> mail() {
        return Mutations.of(MAIL);
    }

    @Provide
    Arbitrary<String> rcpt() {
        return Mutations.of(RCPT);
    }

    @Provide
    Arbitrary<String> xtext() {
        return Mutations.of(XTEXT);
    }
}
