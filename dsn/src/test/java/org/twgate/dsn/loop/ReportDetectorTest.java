package org.twgate.dsn.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.twgate.dsn.testing.Golden;

class ReportDetectorTest {

    private static HeaderBlock headers(String text) throws IOException {
        return HeaderBlock.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNullSenderMessageIsAReportWhateverItsHeaders() throws IOException {
        HeaderBlock h = headers("Subject: hello\r\n\r\nbody");
        assertThat(ReportDetector.classify(h, "")).isEqualTo(ReportVerdict.NULL_SENDER);
        assertThat(ReportDetector.classify(h, "<>")).isEqualTo(ReportVerdict.NULL_SENDER);
    }

    @Test
    void aMultipartReportIsAReportEvenFromARealSender() throws IOException {
        HeaderBlock h = headers("Content-Type: Multipart/Report;\r\n report-type=delivery-status;\r\n boundary=x\r\n\r\n");
        assertThat(ReportDetector.classify(h, "postmaster@x.example")).isEqualTo(ReportVerdict.MULTIPART_REPORT);
    }

    @Test
    void autoSubmittedOtherThanNoIsAReport() throws IOException {
        assertThat(ReportDetector.classify(headers("Auto-Submitted: auto-generated (vacation)\n\n"), "a@b"))
                .isEqualTo(ReportVerdict.AUTO_SUBMITTED);
        assertThat(ReportDetector.classify(headers("Auto-Submitted: No\n\n"), "a@b"))
                .isEqualTo(ReportVerdict.NOT_A_REPORT);
    }

    @Test
    void anOrdinaryMessageIsNotAReport() throws IOException {
        try (InputStream in = Golden.open("qsbmf/ordinary-message.in")) {
            assertThat(ReportDetector.classify(HeaderBlock.read(in), "jane@example.org").isReport()).isFalse();
        }
    }

    @Test
    void aReportTwgateWroteIsRecognisedAsOne() throws IOException {
        try (InputStream in = Golden.open("reports/relayed.expected")) {
            assertThat(ReportDetector.classify(HeaderBlock.read(in), "someone@x.example"))
                    .isEqualTo(ReportVerdict.MULTIPART_REPORT);
        }
        try (InputStream in = Golden.open("reports/relayed-as-text.expected")) {
            assertThat(ReportDetector.classify(HeaderBlock.read(in), "someone@x.example"))
                    .isEqualTo(ReportVerdict.AUTO_SUBMITTED);
        }
    }

    @Test
    void readsHeadersOnlyUpToTheBlankLineAndUnfoldsThem() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(
                "Subject: one\r\n two\r\nX: y\r\n\r\nSubject: body\r\n".getBytes(StandardCharsets.US_ASCII));
        HeaderBlock h = HeaderBlock.read(in);
        assertThat(h.first("subject")).contains("one two");
        assertThat(h.fields()).hasSize(2);
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Subject: body\r\n");
    }
}
