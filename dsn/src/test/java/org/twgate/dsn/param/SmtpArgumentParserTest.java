package org.twgate.dsn.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twgate.dsn.param.DsnParametersTest.catchReply;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SmtpArgumentParserTest {

    @Test
    void splitsThePathFromOrderedParameters() throws Exception {
        SmtpArgument a = SmtpArgumentParser.parseRcpt("<john@company.com> notify=SUCCESS ORCPT=rfc822;x+40y XTRA");
        assertThat(a.path()).isEqualTo("john@company.com");
        assertThat(a.parameters()).containsExactly(
                java.util.Map.entry("NOTIFY", "SUCCESS"),
                java.util.Map.entry("ORCPT", "rfc822;x+40y"),
                java.util.Map.entry("XTRA", ""));
        assertThat(a.parameter("orcpt")).contains("rfc822;x+40y");
    }

    @Test
    void acceptsTheNullReversePathOnlyForMail() throws Exception {
        assertThat(SmtpArgumentParser.parseMail("<> SIZE=10").isNullPath()).isTrue();
        assertThat(catchReply(() -> SmtpArgumentParser.parseRcpt("<>")))
                .isEqualTo("501 5.1.3 Null recipient <> is not an address");
        assertThat(SmtpArgumentParser.parseRcpt("<Postmaster>").path()).isEqualTo("Postmaster");
    }

    @Test
    void keepsSpacesAndAngleBracketsInsideAQuotedLocalPart() throws Exception {
        SmtpArgument a = SmtpArgumentParser.parseRcpt("<\"john >doe\\\" x\"@company.com> NOTIFY=NEVER");
        assertThat(a.path()).isEqualTo("\"john >doe\\\" x\"@company.com");
        assertThat(a.parameter("NOTIFY")).contains("NEVER");
    }

    @Test
    void toleratesASpaceBeforeThePathAndRunsOfSpacesBetweenParameters() throws Exception {
        SmtpArgument a = SmtpArgumentParser.parseMail(" <a@b.example>  RET=FULL   ENVID=x ");
        assertThat(a.parameters()).containsOnlyKeys("RET", "ENVID");
    }

    @Test
    void takesAddressesThatLookLikeParametersForAddresses() throws Exception {
        SmtpArgument a = SmtpArgumentParser.parseRcpt("<a=b@x.example> NOTIFY=FAILURE");
        assertThat(a.path()).isEqualTo("a=b@x.example");
        assertThat(a.parameters()).containsOnlyKeys("NOTIFY");
    }

    @Test
    void dropsASourceRoute() throws Exception {
        assertThat(SmtpArgumentParser.parseRcpt("<@relay.example,@b.example:user@c.example>").path())
                .isEqualTo("user@c.example");
    }

    @Test
    void refusesDuplicateParametersWhateverTheirCase() {
        assertThat(catchReply(() -> SmtpArgumentParser.parseRcpt("<a@b.example> NOTIFY=SUCCESS notify=FAILURE")))
                .isEqualTo("501 5.5.4 Duplicate NOTIFY parameter");
    }

    @Test
    void refusesMalformedParameters() {
        assertThat(catchReply(() -> SmtpArgumentParser.parseMail("<a@b.example> =FULL")))
                .isEqualTo("501 5.5.4 Empty parameter keyword in '=FULL'");
        assertThat(catchReply(() -> SmtpArgumentParser.parseMail("<a@b.example> RET=")))
                .isEqualTo("501 5.5.4 Empty value for RET parameter");
        assertThat(catchReply(() -> SmtpArgumentParser.parseMail("<a@b.example> ENVID=a\u0001b")))
                .isEqualTo("501 5.5.4 Control character in value of ENVID: 'a\\x01b'");
        assertThat(catchReply(() -> SmtpArgumentParser.parseMail("<a@b.example> ENVID=a=b")))
                .contains("'=' not allowed in value of ENVID");
        assertThat(catchReply(() -> SmtpArgumentParser.parseMail("<a@b.example> -X=1")))
                .contains("Bad parameter keyword '-X=1'");
        assertThat(catchReply(() -> SmtpArgumentParser.parseMail("<a@b.example>RET=FULL")))
                .isEqualTo("501 5.5.4 Expected a space after the address, not 'RET=FULL'");
        assertThat(catchReply(() -> SmtpArgumentParser.parseMail("<a@b.example>\tRET=FULL")))
                .startsWith("501 5.5.4 Expected a space");
    }

    @Test
    void refusesMalformedPathsWith513() {
        assertThat(catchReply(() -> SmtpArgumentParser.parseMail("a@b.example")))
                .isEqualTo("501 5.1.3 Address must be in angle brackets: 'a@b.example'");
        assertThat(catchReply(() -> SmtpArgumentParser.parseMail("<a@b.example")))
                .isEqualTo("501 5.1.3 Missing '>' after address: '<a@b.example'");
        assertThat(catchReply(() -> SmtpArgumentParser.parseRcpt("<\"a@b.example>")))
                .startsWith("501 5.1.3 Unterminated quoted local part");
        assertThat(catchReply(() -> SmtpArgumentParser.parseRcpt("<a b@c.example>")))
                .startsWith("501 5.1.3 Unexpected ' ' in address at 3");
        assertThat(catchReply(() -> SmtpArgumentParser.parseRcpt("<a..b@c.example>"))).contains("Bad local part");
        assertThat(catchReply(() -> SmtpArgumentParser.parseRcpt("<a@c..example>"))).contains("Bad domain");
        assertThat(catchReply(() -> SmtpArgumentParser.parseRcpt("<a@>"))).contains("local-part@domain");
        assertThat(catchReply(() -> SmtpArgumentParser.parseRcpt("<" + "a".repeat(250) + "@b.example>")))
                .contains("longer than 256");
    }

    @Test
    void acceptsAddressLiterals() throws Exception {
        assertThat(SmtpArgumentParser.parseRcpt("<admin@[127.0.0.1]>").path()).isEqualTo("admin@[127.0.0.1]");
        assertThat(catchReply(() -> SmtpArgumentParser.parseRcpt("<admin@[]>"))).contains("Bad domain");
    }

    @Test
    void refusesParametersTheCallerDoesNotSupport() throws Exception {
        SmtpArgument a = SmtpArgumentParser.parseMail("<a@b.example> SIZE=1 SMTPUTF8");
        assertThat(catchReply(() -> a.requireOnly(Set.of("SIZE", "RET", "ENVID"))))
                .isEqualTo("501 5.5.4 Unsupported parameter SMTPUTF8");
    }
}
