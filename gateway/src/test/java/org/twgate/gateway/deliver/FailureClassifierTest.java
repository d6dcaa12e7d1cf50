package org.twgate.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureClassifierTest {

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
    void decidesFromTheReplyAndTheStage(SmtpStage stage, int code, Outcome expected) {
        SmtpReply reply = new SmtpReply(code, null, List.of("text"));

        assertThat(FailureClassifier.forReply(stage, reply)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"CONNECT", "GREETING", "MAIL", "DATA", "END_OF_DATA"})
    void defersOnEveryIoFault(SmtpStage stage) {
        assertThat(FailureClassifier.forFault(stage, new SocketTimeoutException("read timed out")))
                .isEqualTo(Outcome.DEFERRED);
        assertThat(FailureClassifier.forFault(stage, new IOException("reset"))).isEqualTo(Outcome.DEFERRED);
    }

    @ParameterizedTest
    @CsvSource({"421, true", "221, false", "450, false", "554, false"})
    void only421EndsTheSession(int code, boolean closes) {
        assertThat(FailureClassifier.closesSession(new SmtpReply(code, null, List.of("")))).isEqualTo(closes);
    }
}
