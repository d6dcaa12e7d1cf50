package org.twgate.rewrite.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderBlockReaderTest {

    private static InputStream stream(String s) {
        return new BufferedInputStream(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String rest(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsThroughTheEmptyLineAndLeavesTheStreamAtTheBody() throws IOException {
        InputStream in = stream("To: a@x.org\r\nSubject: s\r\n folded\r\n\r\nbody\r\n\r\nmore\r\n");
        assertThat(new String(HeaderBlockReader.read(in, 1000), StandardCharsets.ISO_8859_1))
                .isEqualTo("To: a@x.org\r\nSubject: s\r\n folded\r\n\r\n");
        assertThat(rest(in)).isEqualTo("body\r\n\r\nmore\r\n");
    }

    @Test
    void acceptsBareLineFeeds() throws IOException {
        InputStream in = stream("To: a@x.org\n\nbody");
        assertThat(HeaderBlockReader.read(in, 1000)).hasSize(13);
        assertThat(rest(in)).isEqualTo("body");
    }

    @Test
    void aMessageWithoutBodyOrWithoutHeadersIsReadWhole() throws IOException {
        assertThat(HeaderBlockReader.read(stream("To: a@x.org\r\n"), 1000)).hasSize(13);
        InputStream noHeaders = stream("\r\nbody");
        assertThat(HeaderBlockReader.read(noHeaders, 1000)).hasSize(2);
        assertThat(rest(noHeaders)).isEqualTo("body");
    }

    @Test
    void refusesABlockOverTheBound() {
        assertThatThrownBy(() -> HeaderBlockReader.read(stream("To: a@x.org\r\nSubject: " + "x".repeat(100)), 64))
                .isInstanceOf(HeaderTooLargeException.class)
                .hasMessage("header block longer than 64 octets without an empty line");
    }

    @Test
    void aBlockExactlyAtTheBoundIsAccepted() throws IOException {
        String block = "Subject: " + "x".repeat(51) + "\r\n\r\n"; // 9 + 51 + 4 = 64 octets
        assertThat(HeaderBlockReader.read(stream(block + "body"), 64)).hasSize(64);
    }
}
