package org.twgate.gateway.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.twgate.gateway.deliver.SmtpReply;
import org.twgate.gateway.deliver.SmtpStage;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy's decisions, cause by cause. */
class DeliveryPolicyTest {

    @ParameterizedTest(name = "{1} at {0} -> {2}")
    @CsvSource({
        "MAIL, 451, DEFERRED",
        "MAIL, 553, FAILED",
        "RCPT, 450, DEFERRED",
        "RCPT, 550, FAILED",
        "DATA, 554, FAILED",
        "END_OF_DATA, 452, DEFERRED",
        "END_OF_DATA, 552, FAILED",
        "RCPT, 421, DEFERRED",
        "END_OF_DATA, 421, DEFERRED",
        "GREETING, 554, DEFERRED",
        "EHLO, 421, DEFERRED",
        "HELO, 550, DEFERRED",
        "RSET, 500, DEFERRED",
        "DATA, 250, DEFERRED",
    })
    void decidesFromTheReplyAndTheStage(SmtpStage stage, int code, Result expected) {
        SmtpReply reply = new SmtpReply(code, null, List.of("text"));

        assertThat(DeliveryPolicy.forReply(stage, reply, "mx", "said").result()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"CONNECT", "GREETING", "MAIL", "DATA", "END_OF_DATA"})
    void defersOnEveryIoFault(SmtpStage stage) {
        assertThat(DeliveryPolicy.forFault(stage, new SocketTimeoutException("read timed out"), null, "d").result())
                .isEqualTo(Result.DEFERRED);
        assertThat(DeliveryPolicy.forFault(stage, new IOException("reset"), null, "d").result())
                .isEqualTo(Result.DEFERRED);
    }

    @ParameterizedTest
    @CsvSource({"421, true", "221, false", "450, false", "554, false"})
    void only421EndsTheSession(int code, boolean closes) {
        assertThat(DeliveryPolicy.closesSession(new SmtpReply(code, null, List.of("")))).isEqualTo(closes);
    }

    @ParameterizedTest(name = "exit {0} -> {1}")
    @CsvSource({
        "0, DELIVERED, 2.0.0", "99, DELIVERED, 2.0.0",
        "100, FAILED, 5.3.0", "64, FAILED, 5.3.0", "65, FAILED, 5.3.0", "70, FAILED, 5.3.0", "76, FAILED, 5.3.0",
        "77, FAILED, 5.3.0", "78, FAILED, 5.3.0", "112, FAILED, 5.3.0",
        "111, DEFERRED, 4.3.0", "1, DEFERRED, 4.3.0", "3, DEFERRED, 4.3.0", "67, DEFERRED, 4.3.0",
        "75, DEFERRED, 4.3.0", "101, DEFERRED, 4.3.0", "255, DEFERRED, 4.3.0",
    })
    void readsPipeExitCodesAsQmailCommandSays(int code, Result expected, String status) {
        DeliveryStatus s = DeliveryPolicy.forPipeExit(code, "pipe:/bin/x", "x exited with " + code);
        assertThat(s.result()).isEqualTo(expected);
        assertThat(s.status()).hasToString(status);
        assertThat(s.reason()).isEqualTo(Reason.PIPE_EXIT);
    }

    @Test
    void givesLocalCausesTheirOwnStatus() {
        assertThat(DeliveryPolicy.forRewriteRefusal("553 5.1.3 cannot rewrite").status()).hasToString("5.1.3");
        assertThat(DeliveryPolicy.forDns(DeliveryPolicy.DnsAnswer.NO_SUCH_DOMAIN, "x").status()).hasToString("5.1.2");
        assertThat(DeliveryPolicy.forDns(DeliveryPolicy.DnsAnswer.NO_MAIL_HOST, "x").status()).hasToString("5.1.2");
        assertThat(DeliveryPolicy.forDns(DeliveryPolicy.DnsAnswer.UNAVAILABLE, "x").result())
                .isEqualTo(Result.DEFERRED);
        assertThat(DeliveryPolicy.forNullMx("x").status()).hasToString("5.1.10");
        assertThat(DeliveryPolicy.forExpiry(null).status()).hasToString("5.4.7");
        assertThat(DeliveryPolicy.forSpoolReadError(null, "x").result()).isEqualTo(Result.DEFERRED);
    }

    @Test
    void aRefusalBeforeMailTriesTheNextHostAndOneAfterDoesNot() {
        assertThat(DeliveryPolicy.triesNextHost(SmtpStage.CONNECT)).isTrue();
        assertThat(DeliveryPolicy.triesNextHost(SmtpStage.GREETING)).isTrue();
        assertThat(DeliveryPolicy.triesNextHost(SmtpStage.EHLO)).isTrue();
        assertThat(DeliveryPolicy.triesNextHost(SmtpStage.HELO)).isTrue();
        assertThat(DeliveryPolicy.triesNextHost(SmtpStage.STARTTLS)).isTrue();
        assertThat(DeliveryPolicy.triesNextHost(SmtpStage.MAIL)).isFalse();
        assertThat(DeliveryPolicy.triesNextHost(SmtpStage.END_OF_DATA)).isFalse();
    }
}
