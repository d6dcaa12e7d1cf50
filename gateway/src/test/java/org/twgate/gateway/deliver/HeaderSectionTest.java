package org.twgate.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.twgate.rewrite.header.HeaderTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderSectionTest {

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsFoldedFieldsAndStopsOnTheFirstBodyOctet() throws IOException {
        InputStream in = stream("A: 1\r\nB: 2\r\n  two\r\n\tmore\r\nC: 3\r\n\r\nbody\r\n");

        HeaderSection block = HeaderSection.read(in, 1024);

        assertThat(block.fields()).containsExactly("A: 1\r\n", "B: 2\r\n  two\r\n\tmore\r\n", "C: 3\r\n");
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("body\r\n");
        assertThat(new String(block.toBytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo("A: 1\r\nB: 2\r\n  two\r\n\tmore\r\nC: 3\r\n\r\n");
    }

    @Test
    void takesAMessageWithoutBodyOrFinalNewlineAsAllHeaders() throws IOException {
        HeaderSection block = HeaderSection.read(stream("A: 1\r\nB: 2\r\n folded"), 1024);

        assertThat(block.fields()).containsExactly("A: 1\r\n", "B: 2\r\n folded");
        assertThat(new String(block.toBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("A: 1\r\nB: 2\r\n folded");
    }

    @Test
    void keepsEightBitOctetsUnchanged() throws IOException {
        byte[] raw = {'S', ':', ' ', (byte) 0xC3, (byte) 0xA9, '\r', '\n', '\r', '\n'};

        assertThat(HeaderSection.read(new ByteArrayInputStream(raw), 1024).toBytes()).isEqualTo(raw);
    }

    @Test
    void removesFieldsByNameWhateverTheirCase() {
        HeaderSection block = HeaderSection.of(List.of("Return-Path: <a>\r\n", "X: 1\r\n", "RETURN-PATH :\r\n <b>\r\n"));

        assertThat(block.without("return-path").fields()).containsExactly("X: 1\r\n");
    }

    @Test
    void refusesAHeaderSectionBeyondTheBound() {
        assertThatThrownBy(() -> HeaderSection.read(stream("A: " + "x".repeat(2000) + "\r\n\r\n"), 1024))
                .isInstanceOf(HeaderTooLargeException.class).hasMessageContaining("1024");
    }

    @Test
    void prependsOnlyCompleteFields() {
        assertThatThrownBy(() -> HeaderSection.of(List.of()).prepend("X: no crlf"))
                .hasMessageContaining("'X: no crlf'");
    }

    @Test
    void givesTheFirstFieldOfANameUnfoldedWhateverItsCase() {
        HeaderSection block = HeaderSection.of(List.of("X: 1\r\n", "MESSAGE-ID :\r\n <a@x>\r\n", "Message-ID: <b@x>\r\n"));

        assertThat(block.first("Message-ID")).contains("<a@x>");
        assertThat(block.first("Subject")).isEmpty();
    }
}
