package org.twgate.gateway.deliver;

import org.twgate.dsn.status.EnhancedStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {

    private static ReplyReader reader(String wire) {
        return new ReplyReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAMultilineReplyAndTheNextOneAfterIt() throws Exception {
        ReplyReader reader = reader("250-mx.example.com hello\r\n250-PIPELINING\r\n250 DSN\r\n354 go\r\n");

        SmtpReply ehlo = reader.read();
        SmtpReply data = reader.read();

        assertThat(ehlo.code()).isEqualTo(250);
        assertThat(ehlo.lines()).containsExactly("mx.example.com hello", "PIPELINING", "DSN");
        assertThat(data.intermediate()).isTrue();
    }

    @Test
    void takesTheEnhancedStatusFromTheFirstLineAndStripsItFromEveryLine() throws Exception {
        SmtpReply reply = SmtpReply.parse(List.of("550-5.1.1 no such user", "550 5.1.1 try another"));

        assertThat(reply.status()).isEqualTo(new EnhancedStatus(5, 1, 1));
        assertThat(reply.lines()).containsExactly("no such user", "try another");
        assertThat(reply.oneLine()).isEqualTo("550 5.1.1 no such user / try another");
    }

    @Test
    void ignoresAnEnhancedStatusWhoseClassContradictsTheCode() throws Exception {
        SmtpReply reply = SmtpReply.parse(List.of("451 5.1.1 confused"));

        assertThat(reply.status()).isNull();
        assertThat(reply.lines()).containsExactly("5.1.1 confused");
    }

    @Test
    void acceptsOldServersWithBareLfAndNoText() throws Exception {
        SmtpReply reply = reader("220\n").read();

        assertThat(reply.code()).isEqualTo(220);
        assertThat(reply.status()).isNull();
        assertThat(reply.lines()).containsExactly("");
    }

    @Test
    void refusesLinesThatAreNotSmtpQuotingThem() {
        assertThatThrownBy(() -> reader("HTTP/1.1 400 Bad Request\r\n").read())
                .isInstanceOf(SmtpProtocolException.class).hasMessageContaining("'HTTP/1.1 400 Bad Request'");
        assertThatThrownBy(() -> SmtpReply.parse(List.of("250-a", "251 b")))
                .hasMessageContaining("'251 b'").hasMessageContaining("changes the code");
        assertThatThrownBy(() -> reader("250x\r\n").read()).hasMessageContaining("no space or '-'");
    }

    @Test
    void reportsAConnectionClosedInsideAReply() {
        assertThatThrownBy(() -> reader("250-first\r\n250-sec").read())
                .isInstanceOf(EOFException.class).hasMessageContaining("'250-sec'");
    }

    @Test
    void refusesAnEndlessReplyLine() {
        assertThatThrownBy(() -> reader("250 " + "x".repeat(ReplyReader.MAX_LINE)).read())
                .isInstanceOf(SmtpProtocolException.class).hasMessageContaining("longer than");
    }

    @Test
    void parsesEnhancedStatusCodesStrictly() {
        assertThat(EnhancedStatus.parseLeading("4.7.0 later")).isEqualTo(new EnhancedStatus(4, 7, 0));
        assertThat(EnhancedStatus.parseLeading("2.0.0")).isEqualTo(new EnhancedStatus(2, 0, 0));
        assertThat(EnhancedStatus.parseLeading("3.0.0 no")).isNull();
        assertThat(EnhancedStatus.parseLeading("5.1 short")).isNull();
        assertThat(EnhancedStatus.parseLeading("5.1.1000 long")).isNull();
        assertThat(EnhancedStatus.parseLeading("queued as 5.1.1")).isNull();
    }
}
