package org.twgate.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
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
    void aResetStreamForgetsAnUnfinishedTransaction() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream dotted = new DotStuffingOutputStream(out);
        dotted.write("cut short mid-line, CR pending\r".getBytes(StandardCharsets.US_ASCII));
        dotted.reset();
        dotted.write(".next message\r\n".getBytes(StandardCharsets.US_ASCII));
        dotted.finish();

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("..next message\r\n.\r\n");
    }

    @Test
    void passesAMessageLargerThanItsBufferThroughUnchangedWhenNothingNeedsStuffing() throws IOException {
        StringBuilder body = new StringBuilder();
        while (body.length() < 300_000) {
            body.append("line ").append(body.length()).append(" of a long message, no leading dot\r\n");
        }
        assertThat(wire(body.toString())).isEqualTo(body + ".\r\n");
    }

    /**
     * Random content over the octets that matter, split at random points, against a model that
     * does it the slow way: one line at a time.
     */
    @Test
    void agreesWithALineByLineModelOnRandomContentSplitAnywhere() throws IOException {
        Random random = new Random(20261121L);
        char[] alphabet = {'a', '.', '\r', '\n', ' '};
        for (int round = 0; round < 3000; round++) {
            StringBuilder content = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                content.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = content.toString();
            int cuts = random.nextInt(4);
            String[] chunks = new String[cuts + 1];
            int from = 0;
            for (int c = 0; c < cuts; c++) {
                int to = from + random.nextInt(text.length() - from + 1);
                chunks[c] = text.substring(from, to);
                from = to;
            }
            chunks[cuts] = text.substring(from);
            assertThat(wire(chunks)).as("content %s", text.replace("\r", "<CR>").replace("\n", "<LF>"))
                    .isEqualTo(model(text));
        }
    }

    private static String model(String stored) {
        String[] lines = stored.split("\r\n|\r|\n", -1);
        StringBuilder out = new StringBuilder();
        int last = lines.length - 1;
        for (int i = 0; i <= last; i++) {
            if (i == last && lines[i].isEmpty()) {
                break; // the content ended with a line break
            }
            out.append(lines[i].startsWith(".") ? "." : "").append(lines[i]).append("\r\n");
        }
        return out.append(".\r\n").toString();
    }
}
