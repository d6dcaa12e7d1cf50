package org.twgate.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EhloCapabilitiesTest {

    @Test
    void readsKeywordsCaseInsensitivelyWithParameters() throws Exception {
        EhloCapabilities offered = EhloCapabilities.parse(SmtpReply.parse(List.of(
                "250-mx.example.com greets twgate", "250-pipelining", "250-SIZE 10240000", "250-8BITMIME",
                "250-DSN", "250 STARTTLS")));

        assertThat(offered.extended()).isTrue();
        assertThat(offered.pipelining()).isTrue();
        assertThat(offered.sizeLimit()).isEqualTo(10_240_000L);
        assertThat(offered.eightBitMime()).isTrue();
        assertThat(offered.dsn()).isTrue();
        assertThat(offered.has("starttls")).isTrue();
        assertThat(offered.smtpUtf8()).isFalse();
    }

    @Test
    void takesQmailsShortListAtFaceValue() throws Exception {
        EhloCapabilities offered = EhloCapabilities.parse(SmtpReply.parse(List.of(
                "250-qmail.company.com", "250-PIPELINING", "250 8BITMIME")));

        assertThat(offered.dsn()).isFalse();
        assertThat(offered.size()).isFalse();
        assertThat(offered.sizeLimit()).isZero();
    }

    @Test
    void readsSizeWithoutOrWithAGarbledLimitAsNoLimit() throws Exception {
        assertThat(EhloCapabilities.parse(SmtpReply.parse(List.of("250-x", "250 SIZE"))).sizeLimit()).isZero();
        assertThat(EhloCapabilities.parse(SmtpReply.parse(List.of("250-x", "250 SIZE big"))).sizeLimit()).isZero();
    }

    @Test
    void aHeloSessionOffersNothing() {
        assertThat(EhloCapabilities.HELO.extended()).isFalse();
        assertThat(EhloCapabilities.HELO.pipelining()).isFalse();
    }
}
