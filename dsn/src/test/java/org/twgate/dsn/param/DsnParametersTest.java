package org.twgate.dsn.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DsnParametersTest {

    @Test
    void xtextRoundTripsAnyText() throws Exception {
        String text = "a+b=c d\u00e9\u0001~";
        String encoded = Xtext.encode(text);
        assertThat(encoded).isEqualTo("a+2Bb+3Dc+20d+C3+A9+01~");
        assertThat(Xtext.decode(encoded, "ENVID")).isEqualTo(text);
    }

    @Test
    void xtextRefusesATruncatedOrNonHexEscapeAndRawSpecials() {
        assertThatThrownBy(() -> Xtext.decode("abc+4", "ENVID"))
                .isInstanceOf(SmtpArgumentException.class).hasMessageContaining("'abc+4'");
        assertThatThrownBy(() -> Xtext.decode("abc+G1", "ENVID")).hasMessageContaining("two hex digits");
        assertThatThrownBy(() -> Xtext.decode("a=b", "ENVID")).hasMessageContaining("at 2");
    }

    @Test
    void notifyAcceptsAListInAnyCaseAndNeverAlone() throws Exception {
        Notify n = Notify.parse("success,Delay");
        assertThat(n.has(NotifyCondition.SUCCESS)).isTrue();
        assertThat(n.has(NotifyCondition.FAILURE)).isFalse();
        assertThat(n.toParameterValue()).isEqualTo("SUCCESS,DELAY");
        assertThat(Notify.parse("never").isNever()).isTrue();
        assertThat(Notify.parse("NEVER").toParameterValue()).isEqualTo("NEVER");
    }

    @Test
    void notifyRefusesNeverWithOthersDuplicatesAndUnknownValues() {
        assertThatThrownBy(() -> Notify.parse("NEVER,SUCCESS"))
                .satisfies(e -> assertThat(((SmtpArgumentException) e).reply())
                        .isEqualTo("501 5.5.4 NOTIFY=NEVER cannot be combined with other values: 'NEVER,SUCCESS'"));
        assertThatThrownBy(() -> Notify.parse("SUCCESS,success")).hasMessage("Duplicate SUCCESS in NOTIFY='SUCCESS,success'");
        assertThatThrownBy(() -> Notify.parse("SUCCESS,,FAILURE")).hasMessageContaining("Empty item");
        assertThatThrownBy(() -> Notify.parse("ALWAYS")).hasMessageContaining("Unknown NOTIFY value 'ALWAYS'");
    }

    @Test
    void retIsFullOrHdrs() throws Exception {
        assertThat(Ret.parse("hdrs")).isEqualTo(Ret.HDRS);
        assertThatThrownBy(() -> Ret.parse("BODY")).hasMessage("RET must be FULL or HDRS, not 'BODY'");
    }

    @Test
    void envidIsDecodedForTheReportAndKeptAsReceivedForTheNextHop() throws Exception {
        EnvelopeId id = EnvelopeId.parse("QQ+2B314159");
        assertThat(id.value()).isEqualTo("QQ+314159");
        assertThat(id.parameterValue()).isEqualTo("QQ+2B314159");
        assertThat(EnvelopeId.of("id with space").parameterValue()).isEqualTo("id+20with+20space");
    }

    @Test
    void envidRefusesOverLongValuesAndEncodedLineBreaks() {
        assertThat(catchReply(() -> EnvelopeId.parse("x".repeat(101))))
                .startsWith("501 5.5.4 ENVID longer than 100 characters (101)");
        assertThat(catchReply(() -> EnvelopeId.parse("x".repeat(100)))).isNull();
        assertThat(catchReply(() -> EnvelopeId.parse("a+0D+0ABcc:x"))).contains("control character");
    }

    @Test
    void orcptDecodesRfc822AndUtf8AddressTypes() throws Exception {
        OriginalRecipient rfc822 = OriginalRecipient.parse("RFC822;john+2Bdoe@company.com");
        assertThat(rfc822.addressType()).isEqualTo("rfc822");
        assertThat(rfc822.address()).isEqualTo("john+doe@company.com");
        assertThat(rfc822.reportValue()).isEqualTo("rfc822; john+doe@company.com");
        OriginalRecipient utf8 = OriginalRecipient.parse("utf-8;j\\x{F6}rg@example.de");
        assertThat(utf8.address()).isEqualTo("j\u00f6rg@example.de");
        assertThat(utf8.reportValue()).isEqualTo("utf-8; j\\x{F6}rg@example.de");
        assertThat(OriginalRecipient.of("j\u00f6rg@example.de").parameterValue())
                .isEqualTo("utf-8;j\\x{F6}rg@example.de");
        assertThat(OriginalRecipient.of("a+b@c.example").parameterValue()).isEqualTo("rfc822;a+2Bb@c.example");
    }

    @Test
    void orcptRefusesMissingTypeBadEscapesAndOverLongValues() {
        assertThat(catchReply(() -> OriginalRecipient.parse("john@company.com")))
                .isEqualTo("501 5.5.4 ORCPT must be addr-type;address: 'john@company.com'");
        assertThat(catchReply(() -> OriginalRecipient.parse("utf-8;j\\x{ZZ}@x"))).contains("Bad hex");
        assertThat(catchReply(() -> OriginalRecipient.parse("rfc822;" + "a".repeat(494))))
                .contains("ORCPT longer than 500 characters (501)");
        assertThat(catchReply(() -> OriginalRecipient.parse("rfc822;"))).contains("no address");
        assertThat(catchReply(() -> OriginalRecipient.parse("rfc 822;a@b"))).contains("Bad ORCPT address type");
    }

    @Test
    void rcptParametersGiveTheWireFormWithAnAddedOrcpt() throws Exception {
        DsnRcptParameters given = DsnRcptParameters.from(
                SmtpArgumentParser.parseRcpt("<a@b.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;A+40b.example"));
        assertThat(given.toCommandText("x@y")).isEqualTo(" NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;A+40b.example");
        DsnRcptParameters none = DsnRcptParameters.from(SmtpArgumentParser.parseRcpt("<a@b.example>"));
        assertThat(none.effectiveNotify()).isEqualTo(Notify.DEFAULT);
        assertThat(none.toCommandText("tw.john@company.com")).isEqualTo(" ORCPT=rfc822;tw.john@company.com");
        DsnMailParameters mail = DsnMailParameters.from(
                SmtpArgumentParser.parseMail("<s@x.example> RET=hdrs ENVID=Q+2B1 SIZE=100"));
        assertThat(mail.toCommandText()).isEqualTo(" RET=HDRS ENVID=Q+2B1");
        assertThat(mail.envid().orElseThrow().value()).isEqualTo("Q+1");
    }

    static String catchReply(ThrowingRunnable r) {
        try {
            r.run();
            return null;
        } catch (SmtpArgumentException e) {
            return e.reply();
        }
    }

    interface ThrowingRunnable {
        void run() throws SmtpArgumentException;
    }
}
