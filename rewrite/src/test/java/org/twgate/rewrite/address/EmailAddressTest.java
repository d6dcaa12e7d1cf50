package org.twgate.rewrite.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailAddressTest {

    @Test
    void keepsLocalPartCaseAndComparesDomainsIgnoringCase() {
        EmailAddress a = EmailAddress.parse("John.Woo@Company.COM");
        assertThat(a.localPart()).isEqualTo("John.Woo");
        assertThat(a.domain()).isEqualTo("Company.COM");
        assertThat(a).isEqualTo(EmailAddress.parse("John.Woo@company.com"))
                .hasSameHashCodeAs(EmailAddress.parse("John.Woo@company.com"))
                .isNotEqualTo(EmailAddress.parse("john.woo@company.com"));
        assertThat(a.toString()).isEqualTo("John.Woo@Company.COM");
    }

    @Test
    void quotedLocalPartKeepsItsContentAndIsQuotedOnlyWhenNeeded() {
        EmailAddress spaced = EmailAddress.parse("\"john doe\"@company.com");
        assertThat(spaced.localPart()).isEqualTo("john doe");
        assertThat(spaced.hasQuotedLocalPart()).isTrue();
        assertThat(spaced).hasToString("\"john doe\"@company.com");
        assertThat(EmailAddress.parse("\"a\\\"b\\\\c\"@x.org").localPart()).isEqualTo("a\"b\\c");
        assertThat(EmailAddress.parse("\"a\\\"b\\\\c\"@x.org")).hasToString("\"a\\\"b\\\\c\"@x.org");
        assertThat(EmailAddress.parse("\"john\"@company.com")).hasToString("john@company.com");
    }

    @Test
    void utf8AddressesAreKeptAndFlaggedForSmtpUtf8() {
        EmailAddress a = EmailAddress.parse("用户@例子.广告");
        assertThat(a.localPart()).isEqualTo("用户");
        assertThat(a.needsSmtpUtf8()).isTrue();
        assertThat(EmailAddress.parse("john@company.com").needsSmtpUtf8()).isFalse();
    }

    @Test
    void acceptsAddressLiterals() {
        assertThat(EmailAddress.parse("postmaster@[127.0.0.1]").domain()).isEqualTo("[127.0.0.1]");
        assertThat(EmailAddress.parse("postmaster@[IPv6:::1]").domain()).isEqualTo("[IPv6:::1]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "john                | missing '@' at offset 4",
        "@company.com        | empty local part at offset 0",
        "john@               | empty domain at offset 5",
        "jo hn@company.com   | character ' ' not allowed in unquoted local part at offset 2",
        "john..doe@x.org     | misplaced '.' in local part (quote it) at offset 5",
        "john@company..com   | empty label in domain at offset 13",
        "john@-company.com   | domain label starts or ends with '-' at offset 5",
        "john@comp_any.com   | character '_' not allowed in domain at offset 9",
        "\"john@company.com  | unterminated quoted local part at offset 17",
        "\"jo\"hn@company.com | expected '@' after quoted local part at offset 4",
        "john@[1.2.3.4       | address literal not closed with ']' at offset 12",
    })
    void refusesBadSyntaxQuotingTheInputAndTheOffset(String input, String reason) {
        assertThatThrownBy(() -> EmailAddress.parse(input))
                .isInstanceOf(AddressSyntaxException.class)
                .hasMessage("invalid address " + AddressSyntaxException.quote(input) + ": " + reason);
    }

    @Test
    void errorMessagesEscapeLineBreaksSoTheyCannotInjectIntoARepy() {
        assertThatThrownBy(() -> EmailAddress.parse("john@x\r\nRCPT TO:<evil@x>"))
                .isInstanceOf(AddressSyntaxException.class)
                .hasMessageContaining("\\r\\n")
                .hasMessageNotContaining("\r")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> EmailAddress.parse("\"a\nb\"@x.org"))
                .hasMessageContaining("control character in quoted local part");
    }

    @Test
    void refusesLocalPartsOver64AndDomainsOver255Octets() {
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(65) + "@x.org"))
                .hasMessageContaining("local part longer than 64 octets");
        assertThat(EmailAddress.parse("a".repeat(64) + "@x.org").localPart()).hasSize(64);
        // 33 characters, but 66 octets in UTF-8
        assertThatThrownBy(() -> EmailAddress.parse("ö".repeat(33) + "@x.org"))
                .hasMessageContaining("longer than 64 octets");
        String label = "a".repeat(63);
        assertThatThrownBy(() -> EmailAddress.parse("a@" + String.join(".", label, label, label, label, "b")))
                .hasMessageContaining("domain longer than 255 octets");
    }

    @Test
    void parsesForwardPathsIgnoringSourceRoutes() {
        assertThat(EmailAddress.parseForwardPath("<john@company.com>")).hasToString("john@company.com");
        assertThat(EmailAddress.parseForwardPath("<@relay.example,@b.example:john@company.com>"))
                .hasToString("john@company.com");
        assertThatThrownBy(() -> EmailAddress.parseForwardPath("john@company.com"))
                .hasMessageContaining("enclosed in '<' and '>'");
        assertThatThrownBy(() -> EmailAddress.parseForwardPath("<jo hn@company.com>"))
                .hasMessageEndingWith("at offset 3");
    }

    @Test
    void nullReversePathIsItsOwnValue() {
        assertThat(ReversePath.parse("<>")).isSameAs(ReversePath.NULL);
        assertThat(ReversePath.NULL.toPath()).isEqualTo("<>");
        assertThat(ReversePath.parse("<john@company.com>"))
                .isEqualTo(ReversePath.of(EmailAddress.parse("john@company.com")));
        assertThatThrownBy(() -> ReversePath.parse("< >")).isInstanceOf(AddressSyntaxException.class);
    }
}
