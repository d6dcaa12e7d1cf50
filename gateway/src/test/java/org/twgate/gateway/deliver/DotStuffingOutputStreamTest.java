package org.twgate.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStuffingOutputStreamTest {

    private static String wire(String... chunks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream dotted = new DotStuffingOutputStream(out);
        for (String chunk : chunks) {
            dotted.write(chunk.getBytes(StandardCharsets.ISO_8859_1));
        }
        dotted.finish();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void doublesALeadingDotOnEveryLine() throws IOException {
        assertThat(wire(".a\r\nb.c\r\n..\r\n.\r\n")).isEqualTo("..a\r\nb.c\r\n...\r\n..\r\n.\r\n");
    }

    @Test
    void endsAnUnterminatedLastLineBeforeTheFinalDot() throws IOException {
        assertThat(wire("no newline")).isEqualTo("no newline\r\n.\r\n");
        assertThat(wire("")).isEqualTo(".\r\n");
    }

    @Test
    void writesBareLfAndBareCrAsCrlfSoNoStoredDotLineCanEndTheData() throws IOException {
        assertThat(wire("a\n.\r\nb")).isEqualTo("a\r\n..\r\nb\r\n.\r\n");
        assertThat(wire("a\r.\r\nb\r")).isEqualTo("a\r\n..\r\nb\r\n.\r\n");
        assertThat(wire("a\r\n.\n")).isEqualTo("a\r\n..\r\n.\r\n");
    }

    @Test
    void keepsStateAcrossWritesSplitAnywhere() throws IOException {
        assertThat(wire("a\r", "\n.", "b\r", "", "\n", ".")).isEqualTo("a\r\n..b\r\n..\r\n.\r\n");
    }

    @Test
    void countsTheOctetsItWrote() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream dotted = new DotStuffingOutputStream(out);
        dotted.write(".x\r\n".getBytes(StandardCharsets.US_ASCII));
        dotted.finish();

        assertThat(dotted.written()).isEqualTo(out.size()).isEqualTo(8);
    }
}
