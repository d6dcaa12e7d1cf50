package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DATA decoder on every smuggling sequence, fed whole and one octet at a time (the network
 * may split anywhere): the same content and the same end, or none.
 */
class DataDecoderTest {
    private static final DataLimits LIMITS = new DataLimits(0, 0, 0, false);

    /** Decodes {@code input}; returns content, then "|END|" and the rest when the end was found. */
    private static String decode(String input, int pieceSize, boolean direct) {
        return feed(new DataDecoder(LIMITS), input, pieceSize, direct);
    }

    private static String feed(DataDecoder decoder, String input, int pieceSize) {
        return feed(decoder, input, pieceSize, false);
    }

    /**
     * Feeds {@code input} in pieces of {@code pieceSize} octets, as the network might split it:
     * slices of one heap array (as the framer's buffer, whose array the decoder scans), or
     * direct buffers (read through Netty's accessors).
     */
    private static String feed(DataDecoder decoder, String input, int pieceSize, boolean direct) {
        ByteBuf out = Unpooled.buffer();
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += pieceSize) {
            int length = Math.min(pieceSize, bytes.length - i);
            ByteBuf in = direct ? Unpooled.directBuffer(length).writeBytes(bytes, i, length)
                    : Unpooled.wrappedBuffer(bytes, i, length);
            if (decoder.decode(in, out)) {
                String rest = new String(bytes, i + in.readerIndex(), bytes.length - i - in.readerIndex(),
                        StandardCharsets.ISO_8859_1);
                return out.toString(StandardCharsets.ISO_8859_1) + "|END|" + rest;
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        // name; input (\r \n escaped); expected content, |END| and what follows
        "plain end;a\\r\\n.\\r\\nNOOP;a\\r\\n|END|NOOP",
        "empty message;.\\r\\nNOOP;|END|NOOP",
        "LF dot CRLF is content;a\\n.\\r\\nMAIL;a\\r\\n.\\r\\nMAIL",
        "CRLF dot LF is content;a\\r\\n.\\nMAIL\\r\\n;a\\r\\n.\\r\\nMAIL\\r\\n",
        "dot-a LF is a stuffed line;.a\\nb\\r\\n;a\\r\\nb\\r\\n",
        "double dot unstuffed;..x\\r\\n.\\r\\n;.x\\r\\n|END|",
        "CR dot CR stays in the line;a\\r.\\rb\\r\\n.\\r\\n;a\\r.\\rb\\r\\n|END|",
        "dot CR X is stuffed;.\\rX\\r\\n.\\r\\n;\\rX\\r\\n|END|",
        "bare LF normalised;a\\nb\\r\\n.\\r\\n;a\\r\\nb\\r\\n|END|",
        "end after bare-LF line needs CRLF before;a\\n.\\r\\n\\r\\n.\\r\\n;a\\r\\n.\\r\\n\\r\\n|END|",
        "double CR before LF;a\\r\\r\\n.\\r\\n;a\\r\\r\\n|END|",
    })
    void findsOnlyTheRealEndWhateverTheSplit(String name, String input, String expected) {
        String in = unescape(input);
        String want = unescape(expected);
        for (int piece : new int[] {1, 2, 3, 7, 64 << 10}) {
            assertThat(decode(in, piece, false)).as("%s, pieces of %d", name, piece).isEqualTo(want);
            assertThat(decode(in, piece, true)).as("%s, direct pieces of %d", name, piece).isEqualTo(want);
        }
    }

    /** The same sequences inside a body, where whole runs of lines are copied at once. */
    @ParameterizedTest(name = "{0}, in the body")
    @CsvSource(delimiter = ';', value = {
        "plain end;a\\r\\n.\\r\\nNOOP;a\\r\\n|END|NOOP",
        "LF dot CRLF is content;a\\n.\\r\\nMAIL;a\\r\\n.\\r\\nMAIL",
        "CRLF dot LF is content;a\\r\\n.\\nMAIL\\r\\n;a\\r\\n.\\r\\nMAIL\\r\\n",
        "dot-a LF is a stuffed line;x\\r\\n.a\\nb\\r\\n;x\\r\\na\\r\\nb\\r\\n",
        "double dot unstuffed;x\\r\\n..x\\r\\n.\\r\\n;x\\r\\n.x\\r\\n|END|",
        "CR dot CR stays in the line;a\\r.\\rb\\r\\n.\\r\\n;a\\r.\\rb\\r\\n|END|",
        "bare LF normalised;a\\nb\\r\\n.\\r\\n;a\\r\\nb\\r\\n|END|",
        "end after bare-LF line needs CRLF before;a\\n.\\r\\n\\r\\n.\\r\\n;a\\r\\n.\\r\\n\\r\\n|END|",
        "empty lines then end;a\\r\\n\\r\\n\\r\\n.\\r\\nQUIT;a\\r\\n\\r\\n\\r\\n|END|QUIT",
    })
    void findsOnlyTheRealEndInTheBodyWhateverTheSplit(String name, String input, String expected) {
        String head = "Subject: s\r\n\r\nfirst line\r\nsecond line\r\n";
        findsOnlyTheRealEndWhateverTheSplit(name, head + input, head + expected);
    }

    /**
     * Differential: random bodies over the octets that matter, decoded in one piece (the fast
     * path copies runs of lines) and one octet at a time (the fast path never runs), must give
     * the same content, end, rest and verdict (for a refused message: the same end and verdict).
     */
    @Test
    void decodesARunOfLinesExactlyAsOneOctetAtATime() {
        Random random = new Random(20261121L);
        String[] pieces = {"a", "b", ".", "\r\n", "\r\n", "\r\n.", "\r", "\n", "..", "\r\n.\r\n", "xyz "};
        for (int round = 0; round < 4000; round++) {
            StringBuilder body = new StringBuilder("Received: x\r\nSubject: s\r\n\r\n");
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                body.append(pieces[random.nextInt(pieces.length)]);
            }
            body.append("\r\n.\r\nQUIT\r\n");
            String input = body.toString();
            for (DataLimits limits : new DataLimits[] {LIMITS, new DataLimits(0, 12, 0, true), new DataLimits(0, 12, 0, false)}) {
                String whole = decodeWith(limits, input, 64 << 10, false);
                String octets = decodeWith(limits, input, 1, false);
                String direct = decodeWith(limits, input, 64 << 10, true);
                String shown = input.replace("\r", "<CR>").replace("\n", "<LF>");
                assertThat(whole).as("input %s", shown).isEqualTo(octets);
                assertThat(direct).as("input %s, direct", shown).isEqualTo(octets);
            }
        }
    }

    /** Content, "|END|" and the rest, then the verdict. */
    private static String decodeWith(DataLimits limits, String input, int pieceSize, boolean direct) {
        DataDecoder decoder = new DataDecoder(limits);
        String result = feed(decoder, input, pieceSize, direct);
        if (decoder.verdict().refused()) {
            // The content of a refused message is thrown away; only where it ended, and why, count.
            result = result.contains("|END|") ? result.substring(result.indexOf("|END|")) : "";
        }
        return result + "|" + decoder.verdict();
    }

    @ParameterizedTest
    @CsvSource({"1", "3", "1000"})
    void countsReceivedFieldsOnlyInTheHeaderBlock(int piece) {
        DataDecoder decoder = new DataDecoder(new DataLimits(0, 0, 2, false));
        feed(decoder, "Received: a\r\nRECEIVED: b\r\n\tcontinued\r\nSubject: x\r\n\r\nReceived: in body\r\n.\r\n",
                piece);
        assertThat(decoder.receivedHeaders()).isEqualTo(2);
        assertThat(decoder.verdict().refused()).isFalse();
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
