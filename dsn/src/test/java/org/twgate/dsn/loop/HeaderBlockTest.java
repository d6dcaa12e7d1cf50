package org.twgate.dsn.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderBlockTest {

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readFirstStopsAfterTheFieldAndItsContinuationLines() throws IOException {
        String message = "From: a@x\r\nMessage-ID: <1@x>\r\n\t(folded)\r\nTo: b@y\r\nSubject: s\r\n\r\nbody\r\n";
        ByteArrayInputStream in = stream(message);
        assertThat(HeaderBlock.readFirst(in, "message-id")).contains("<1@x> (folded)");
        // Stopped at the first octet of "To:", which it read to know the field had ended.
        assertThat(in.available()).isEqualTo(message.length() - message.indexOf("To:") - 1);
    }

    @Test
    void readFirstGivesWhatReadAndFirstGive() throws IOException {
        for (String message : List.of(
                "Subject: s\r\n X-Fake:\r\n Message-ID: <continuation@x>\r\nMessage-ID: <real@x>\r\n\r\nb",
                "Message-ID : <spaced@x>\nTo: b\n\nbody",
                "X: a\rMessage-ID: <after-cr@x>\nMessage-ID: <2@x>\n\n",
                "To: b\r\n\r\nMessage-ID: <in-body@x>\r\n",
                "No colon here\r\nmessage-id:<lower@x>",
                "",
                "Message-ID: <only@x>\r\n")) {
            assertThat(HeaderBlock.readFirst(stream(message), "Message-ID")).as(message)
                    .isEqualTo(HeaderBlock.read(stream(message)).first("Message-ID"));
        }
    }

    @Test
    void parseSplitsLinesOnCrlfLfAndLoneCr() {
        HeaderBlock block = HeaderBlock.parse("A: 1\r\nB: 2\nC: 3\rD: 4\r\n \tfolded\r\n\r\nE: body");
        assertThat(block.fields()).containsExactly(new HeaderBlock.Field("A", "1"), new HeaderBlock.Field("B", "2"),
                new HeaderBlock.Field("C", "3"), new HeaderBlock.Field("D", "4 folded"));
    }
}
